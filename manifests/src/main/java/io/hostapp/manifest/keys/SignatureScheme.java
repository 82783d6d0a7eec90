package io.hostapp.manifest.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The signature schemes this client verifies, all through the JDK's JCA: the TUF / securesystemslib
 * names mapped to JCA algorithms and public key encodings. See {@link VerificationKey} for the table.
 */
public enum SignatureScheme {
    ED25519("ed25519", "ed25519", "Ed25519", null, 0),
    ECDSA_P256("ecdsa", "ecdsa-sha2-nistp256", "SHA256withECDSA", null, 256),
    ECDSA_P384("ecdsa", "ecdsa-sha2-nistp384", "SHA384withECDSA", null, 384),
    RSA_PSS_SHA256("rsa", "rsassa-pss-sha256", "RSASSA-PSS", "SHA-256", 32),
    RSA_PSS_SHA384("rsa", "rsassa-pss-sha384", "RSASSA-PSS", "SHA-384", 48),
    RSA_PSS_SHA512("rsa", "rsassa-pss-sha512", "RSASSA-PSS", "SHA-512", 64),
    RSA_PKCS1_SHA256("rsa", "rsa-pkcs1v15-sha256", "SHA256withRSA", null, 0),
    RSA_PKCS1_SHA384("rsa", "rsa-pkcs1v15-sha384", "SHA384withRSA", null, 0),
    RSA_PKCS1_SHA512("rsa", "rsa-pkcs1v15-sha512", "SHA512withRSA", null, 0);

    /** DER prefix turning a raw 32-byte Ed25519 key into an X.509 SubjectPublicKeyInfo. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String keyType;
    private final String scheme;
    private final String jcaAlgorithm;
    private final String pssDigest;
    /** curve bits for ECDSA, digest length in bytes for PSS */
    private final int param;

    SignatureScheme(String keyType, String scheme, String jcaAlgorithm, String pssDigest, int param) {
        this.keyType = keyType;
        this.scheme = scheme;
        this.jcaAlgorithm = jcaAlgorithm;
        this.pssDigest = pssDigest;
        this.param = param;
    }

    /** The {@code keytype} written for new keys of this scheme. */
    public String keyType() {
        return keyType;
    }

    /** The {@code scheme} name in metadata. */
    public String scheme() {
        return scheme;
    }

    /** JCA signature algorithm name. */
    String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /** Looks up a scheme; securesystemslib also accepts the scheme name as ECDSA keytype. */
    public static Optional<SignatureScheme> find(String keyType, String scheme) {
        for (SignatureScheme s : values()) {
            if (!s.scheme.equals(scheme)) {
                continue;
            }
            if (s.keyType.equals(keyType) || (s.keyType.equals("ecdsa") && s.scheme.equals(keyType))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Verifies signatures for one decoded public key. */
    interface Verifier {
        boolean verify(byte[] payload, byte[] signature);
    }

    Verifier verifier(String publicValue, String keyName) throws UnsupportedSchemeException {
        PublicKey key = decodePublic(publicValue, keyName);
        return (payload, sig) -> {
            if (pssDigest == null) {
                return jcaVerify(key, null, payload, sig);
            }
            // securesystemslib verifies PSS with salt length AUTO; signers in practice use the digest
            // length (securesystemslib, go-tuf) or the maximum (OpenSSL's default): accept either.
            int modulusBytes = (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8;
            int maxSalt = modulusBytes - param - 2;
            return jcaVerify(key, pss(param), payload, sig) || (maxSalt > 0 && jcaVerify(key, pss(maxSalt), payload, sig));
        };
    }

    private PSSParameterSpec pss(int saltLength) {
        return new PSSParameterSpec(pssDigest, "MGF1", new MGF1ParameterSpec(pssDigest), saltLength, 1);
    }

    private boolean jcaVerify(PublicKey key, PSSParameterSpec pss, byte[] payload, byte[] sig) {
        try {
            Signature s = Signature.getInstance(jcaAlgorithm);
            if (pss != null) {
                s.setParameter(pss);
            }
            s.initVerify(key);
            s.update(payload);
            return s.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            // a malformed signature (bad DER, wrong length) is simply not a valid signature
            return false;
        }
    }

    PublicKey decodePublic(String publicValue, String keyName) throws UnsupportedSchemeException {
        try {
            if (this == ED25519) {
                byte[] raw = HexFormat.of().parseHex(publicValue);
                if (raw.length != 32) {
                    throw new UnsupportedSchemeException("key " + keyName + ": ed25519 public key must be 32 bytes");
                }
                byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
                System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
                System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            }
            byte[] der = Pem.decode(publicValue, "PUBLIC KEY");
            if (keyType.equals("rsa")) {
                return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            }
            PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            BigInteger order = ((ECPublicKey) k).getParams().getOrder();
            if (order.bitLength() != param) {
                throw new UnsupportedSchemeException("key " + keyName + ": EC key is not on the curve of " + scheme);
            }
            return k;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnsupportedSchemeException("key " + keyName + ": cannot decode " + scheme + " public key: "
                    + e.getMessage(), e);
        }
    }
}
