package io.hostapp.delta;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The source chunk table that follows a delta's header ({@code delta/FORMAT.md}, "Source chunk table"):
 * one bit per source chunk saying whether any {@code COPY} or {@code DIFF} extent reads it, the SHA-256 of
 * every chunk, and a CRC-32C. The SHA-256 over the chunk digests is the header's source digest, so the
 * table is tied to the header; the decoder hashes only the chunks marked read before its first write, and
 * refuses an operation whose source extents reach an unmarked chunk. A full image has no table.
 */
public final class SourceChunkTable {
    private final long sourceLength;
    private final int chunkLog;
    private final int chunks;
    private final byte[] readBits;
    private final byte[] sums;

    private SourceChunkTable(long sourceLength, int chunkLog, byte[] readBits, byte[] sums) {
        this.sourceLength = sourceLength;
        this.chunkLog = chunkLog;
        this.chunks = chunkCount(sourceLength, chunkLog);
        this.readBits = readBits;
        this.sums = sums;
    }

    /** A table for a source whose chunk digests are {@code sums} (32 bytes per chunk, in order), no chunk marked yet. */
    public static SourceChunkTable of(long sourceLength, int chunkLog, byte[] sums) {
        int n = chunkCount(sourceLength, chunkLog);
        if (sums.length != n * PayloadFormat.SHA256_SIZE) {
            throw new IllegalArgumentException(sums.length + " digest bytes for " + n + " chunks");
        }
        return new SourceChunkTable(sourceLength, chunkLog, new byte[bitmapSize(n)], sums.clone());
    }

    /** Bytes the table takes in a payload with header {@code h}: 0 for a full image. */
    public static long size(PayloadHeader h) {
        return h.kind() == PayloadKind.DELTA ? size(h.sourceLength(), h.sourceChunkLog()) : 0;
    }

    /** Bytes the table of a {@code sourceLength}-byte source in 2^{@code chunkLog}-byte chunks takes. */
    public static long size(long sourceLength, int chunkLog) {
        long n = SourceDigest.chunkCount(sourceLength, chunkLog);
        return bitmapSize(n) + n * PayloadFormat.SHA256_SIZE + 4;
    }

    /** Marks every chunk that {@code e} (a source extent) touches as read. */
    public void markRead(Extent e) {
        for (int c = firstChunk(e); c <= lastChunk(e); c++) {
            readBits[c >>> 3] |= (byte) (1 << (c & 7));
        }
    }

    /** Whether the table marks chunk {@code i} as read. */
    public boolean isRead(int i) {
        return (readBits[i >>> 3] & (1 << (i & 7))) != 0;
    }

    /** The first chunk {@code e} touches that is not marked read, or -1 if it touches only marked ones. */
    public long firstUnmarked(Extent e) {
        for (int c = firstChunk(e); c <= lastChunk(e); c++) {
            if (!isRead(c)) {
                return c;
            }
        }
        return -1;
    }

    // the chunks an extent touches, clipped to the source's (rules refuse extents past it before this)
    private int firstChunk(Extent e) {
        return (int) Math.min(e.offset() >>> chunkLog, chunks);
    }

    private int lastChunk(Extent e) {
        return (int) Math.min((e.end() - 1) >>> chunkLog, chunks - 1L);
    }

    /** Number of chunks. */
    public int chunks() {
        return chunks;
    }

    /** Number of chunks marked read. */
    public int readChunks() {
        int n = 0;
        for (byte b : readBits) {
            n += Integer.bitCount(b & 0xff);
        }
        return n;
    }

    /** Source bytes in the chunks marked read (what the decoder hashes before its first write). */
    public long readBytes() {
        long n = 0;
        for (int i = 0; i < chunks; i++) {
            if (isRead(i)) {
                n += chunkLength(i);
            }
        }
        return n;
    }

    /** Length of chunk {@code i} (the last may be shorter). */
    public int chunkLength(int i) {
        long offset = (long) i << chunkLog;
        return (int) Math.min(1L << chunkLog, sourceLength - offset);
    }

    /** The recorded SHA-256 of chunk {@code i}. */
    public byte[] sum(int i) {
        return Arrays.copyOfRange(sums, i * PayloadFormat.SHA256_SIZE, (i + 1) * PayloadFormat.SHA256_SIZE);
    }

    /** The source digest these chunk digests make (must equal the header's). */
    public byte[] digest() {
        return SourceDigest.digestOf(sums);
    }

    /** The table's bytes: read bits, chunk digests, CRC-32C. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(readBits.length + sums.length + 4);
        b.put(readBits).put(sums);
        b.putInt(PayloadFormat.crc32c(b.array(), 0, b.position()));
        return b.array();
    }

    /**
     * Parses and checks the table of the payload with header {@code h} (a delta): its CRC, that no bit
     * past the last chunk is set, and that its digests make the header's source digest.
     */
    public static SourceChunkTable parse(PayloadHeader h, byte[] t) throws DeltaException {
        if (t.length != size(h)) {
            throw new DeltaException("source chunk table: " + t.length + " bytes, expected " + size(h));
        }
        int n = chunkCount(h.sourceLength(), h.sourceChunkLog());
        int crcAt = t.length - 4;
        if (ByteBuffer.wrap(t).getInt(crcAt) != PayloadFormat.crc32c(t, 0, crcAt)) {
            throw new DeltaException("source chunk table: CRC-32C mismatch (corrupt table)");
        }
        int bits = bitmapSize(n);
        byte[] readBits = Arrays.copyOfRange(t, 0, bits);
        if (n % 8 != 0 && (readBits[bits - 1] & 0xff) >>> (n % 8) != 0) {
            throw new DeltaException("source chunk table: read bits set past the last of " + n + " chunks");
        }
        SourceChunkTable table = new SourceChunkTable(h.sourceLength(), h.sourceChunkLog(), readBits,
                Arrays.copyOfRange(t, bits, crcAt));
        if (!MessageDigest.isEqual(table.digest(), h.sourceDigest())) {
            throw new DeltaException("source chunk table: chunk digests make " + PayloadFormat.hex(table.digest())
                    + ", the header's source digest is " + h.sourceDigestHex());
        }
        return table;
    }

    private static int chunkCount(long sourceLength, int chunkLog) {
        long n = SourceDigest.chunkCount(sourceLength, chunkLog);
        if (n > SourceDigest.MAX_CHUNKS) {
            throw new IllegalArgumentException(sourceLength + " bytes are too many chunks of 2^" + chunkLog);
        }
        return (int) n;
    }

    private static int bitmapSize(long chunks) {
        return (int) ((chunks + 7) / 8);
    }
}
