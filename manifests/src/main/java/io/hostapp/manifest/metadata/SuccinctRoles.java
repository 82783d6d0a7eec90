package io.hostapp.manifest.metadata;

import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.JsonFields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Succinct hash-bin delegation (TAP 15):
 * {@code {"keyids", "threshold", "bit_length": 1..32, "name_prefix"}}. A target path belongs to bin
 * {@code first 4 bytes of sha256(path), big-endian, >> (32 - bit_length)}, whose role is named
 * {@code name_prefix + "-" + bin in lowercase hex, zero-padded to the width of (2^bit_length - 1)}.
 */
public record SuccinctRoles(Role role, int bitLength, String namePrefix) {

    static SuccinctRoles parse(JsonFields f) throws MalformedMetadataException {
        Role role = Role.parse(f);
        long bits = f.integer("bit_length");
        if (bits < 1 || bits > 32) {
            throw f.fail("bit_length", "must be between 1 and 32");
        }
        return new SuccinctRoles(role, (int) bits, f.text("name_prefix"));
    }

    public long numberOfBins() {
        return 1L << bitLength;
    }

    int suffixLength() {
        return Long.toHexString(numberOfBins() - 1).length();
    }

    /** The bin role responsible for {@code targetPath}. */
    public String roleFor(String targetPath) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(targetPath.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long first4 = ((h[0] & 0xffL) << 24) | ((h[1] & 0xffL) << 16) | ((h[2] & 0xffL) << 8) | (h[3] & 0xffL);
        return binName(first4 >>> (32 - bitLength));
    }

    String binName(long bin) {
        String hex = Long.toHexString(bin);
        return namePrefix + "-" + "0".repeat(suffixLength() - hex.length()) + hex;
    }

    /** True when {@code name} is one of the bins this delegation defines. */
    public boolean isDelegatedRole(String name) {
        String prefix = namePrefix + "-";
        if (!name.startsWith(prefix)) {
            return false;
        }
        String suffix = name.substring(prefix.length());
        if (suffix.length() != suffixLength() || !suffix.matches("[0-9a-fA-F]+")) {
            return false;
        }
        long bin = Long.parseLong(suffix, 16);
        return bin < numberOfBins();
    }
}
