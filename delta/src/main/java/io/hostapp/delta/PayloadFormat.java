package io.hostapp.delta;

import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Constants of the payload format, version 3. {@code delta/FORMAT.md} is the specification; the tests
 * check this class and the serializers against that document.
 */
public final class PayloadFormat {
    /** {@code HAPD\r\n\x1a\n}: the CR-LF and ^Z catch text-mode transfers, like PNG's signature. */
    public static final byte[] MAGIC = {'H', 'A', 'P', 'D', 0x0D, 0x0A, 0x1A, 0x0A};
    public static final int VERSION = 3;
    public static final int HEADER_SIZE = 148;
    /**
     * Largest source chunk table a delta may have (4 MiB: a 127 GiB source in 1 MiB chunks), so a header
     * cannot make a decoder allocate without bound.
     */
    public static final int MAX_CHUNK_TABLE = 4 << 20;
    /** Fixed part of an operation header; each extent adds {@link #EXTENT_SIZE}. */
    public static final int OP_HEADER_FIXED = 64;
    public static final int EXTENT_SIZE = 16;
    /** The extent count is a u16. */
    public static final int MAX_EXTENTS = 0xFFFF;
    public static final int SHA256_SIZE = 32;
    /** The block size the encoder matches at (4 KiB: a file-system block). */
    public static final int DEFAULT_BLOCK_SIZE = 4096;

    private PayloadFormat() {
    }

    /** Whether {@code head} (at least 8 bytes) starts with the payload magic. */
    public static boolean isPayload(byte[] head, int n) {
        if (n < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    static int crc32c(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
