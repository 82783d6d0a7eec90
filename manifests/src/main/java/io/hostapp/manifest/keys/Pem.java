package io.hostapp.manifest.keys;

import java.util.Base64;

/**
 * PEM (RFC 7468) text encoding: {@code -----BEGIN <label>-----}, base64 of the DER body in lines of
 * 64 characters, {@code -----END <label>-----}. The JDK reads and writes the DER inside
 * (X.509 SubjectPublicKeyInfo for {@code PUBLIC KEY}, PKCS#8 for {@code PRIVATE KEY}).
 */
public final class Pem {

    private Pem() {
    }

    /** Extracts the DER body of the first block labelled {@code label}. */
    public static byte[] decode(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = pem.indexOf(begin);
        int e = b < 0 ? -1 : pem.indexOf(end, b + begin.length()); // after the BEGIN line, not inside its dashes
        if (b < 0 || e < 0) {
            throw new IllegalArgumentException("no PEM block '" + label + "'");
        }
        String body = pem.substring(b + begin.length(), e).replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** Encodes {@code der} as a PEM block with a trailing newline. */
    public static String encode(byte[] der, String label) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }
}
