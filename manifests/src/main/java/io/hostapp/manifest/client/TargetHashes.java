package io.hostapp.manifest.client;

import io.hostapp.manifest.LengthOrHashMismatchException;
import io.hostapp.manifest.MetadataException.Check;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Checks data against a signed length and hashes, incrementally: feed bytes with {@link #update},
 * then {@link #verify}. Every listed hash must match; an algorithm this client does not know
 * ({@code sha224}, {@code sha256}, {@code sha384}, {@code sha512} are known) fails the check rather
 * than being skipped, so a repository cannot downgrade verification to "no hash".
 */
public final class TargetHashes {

    private final String role;
    private final OptionalLong expectedLength;
    private final Map<String, String> expectedHashes;
    private final Map<String, MessageDigest> digests = new LinkedHashMap<>();
    private final String unknownAlgorithm;
    private long length;

    public TargetHashes(String role, OptionalLong expectedLength, Map<String, String> expectedHashes) {
        this.role = role;
        this.expectedLength = expectedLength;
        this.expectedHashes = expectedHashes;
        String unknown = null;
        for (String alg : expectedHashes.keySet()) {
            String jca = switch (alg) {
                case "sha224" -> "SHA-224";
                case "sha256" -> "SHA-256";
                case "sha384" -> "SHA-384";
                case "sha512" -> "SHA-512";
                default -> null;
            };
            if (jca == null) {
                unknown = alg;
                continue;
            }
            try {
                digests.put(alg, MessageDigest.getInstance(jca));
            } catch (NoSuchAlgorithmException e) {
                unknown = alg;
            }
        }
        this.unknownAlgorithm = unknown;
    }

    /** Checks a whole byte array at once. */
    public static void verify(String role, byte[] data, OptionalLong length, Map<String, String> hashes)
            throws LengthOrHashMismatchException {
        TargetHashes h = new TargetHashes(role, length, hashes);
        h.update(data, 0, data.length);
        h.verify();
    }

    public void update(byte[] b, int off, int len) {
        length += len;
        for (MessageDigest d : digests.values()) {
            d.update(b, off, len);
        }
    }

    /** Bytes fed so far. */
    public long length() {
        return length;
    }

    /** Checks length and every hash of the data fed so far; call once, at the end. */
    public void verify() throws LengthOrHashMismatchException {
        if (expectedLength.isPresent() && expectedLength.getAsLong() != length) {
            throw new LengthOrHashMismatchException(role, Check.LENGTH, "expected " + expectedLength.getAsLong()
                    + " bytes, got " + length);
        }
        if (unknownAlgorithm != null) {
            throw new LengthOrHashMismatchException(role, Check.HASH, "unsupported hash algorithm '" + unknownAlgorithm + "'");
        }
        for (Map.Entry<String, MessageDigest> e : digests.entrySet()) {
            String got = HexFormat.of().formatHex(e.getValue().digest());
            String want = expectedHashes.get(e.getKey());
            if (!got.equalsIgnoreCase(want)) {
                throw new LengthOrHashMismatchException(role, Check.HASH, e.getKey() + " is " + got + ", expected " + want);
            }
        }
    }
}
