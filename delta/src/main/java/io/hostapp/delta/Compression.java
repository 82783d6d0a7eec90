package io.hostapp.delta;

/**
 * How a full-image payload is stored. Detected from the first bytes, never from the file name:
 * a zstd frame starts with the little-endian magic {@code 0xFD2FB528} (bytes {@code 28 B5 2F FD});
 * anything else is a raw image.
 */
public enum Compression {
    NONE, ZSTD;

    static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

    /** Detects the compression from the first {@code n} bytes of {@code head}. */
    public static Compression detect(byte[] head, int n) {
        if (n < ZSTD_MAGIC.length) {
            return NONE;
        }
        for (int i = 0; i < ZSTD_MAGIC.length; i++) {
            if (head[i] != ZSTD_MAGIC[i]) {
                return NONE;
            }
        }
        return ZSTD;
    }
}
