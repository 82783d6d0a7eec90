package io.hostapp.delta;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The payload header (148 bytes, {@code delta/FORMAT.md} "Header"): what the payload transforms into
 * what. Hashes are raw 32-byte SHA-256 digests.
 *
 * @param kind             delta or full image
 * @param blockSize        the encoder's matching granularity (informational)
 * @param sourceLength     source image length; 0 for a full image
 * @param sourceSha256     source image SHA-256 (identifies the source; the decoder checks
 *                         {@code sourceDigest} instead); all zero for a full image
 * @param targetLength     target image length
 * @param targetSha256     target image SHA-256
 * @param operationCount   number of operations
 * @param maxReference     largest reference of any DIFF/TARGET_DIFF operation
 * @param windowLog        largest zstd window log of any frame, 0 if none
 * @param sourceChunkLog   the source digest's chunks are 2^n bytes ({@link SourceDigest}); 0 for a full image
 * @param sourceDigest     the source's {@link SourceDigest}, what the decoder checks; all zero for a full image
 */
public record PayloadHeader(PayloadKind kind, int blockSize, long sourceLength, byte[] sourceSha256,
                            long targetLength, byte[] targetSha256, int operationCount, int maxReference,
                            int windowLog, int sourceChunkLog, byte[] sourceDigest) {

    public PayloadHeader {
        if (sourceSha256.length != PayloadFormat.SHA256_SIZE || targetSha256.length != PayloadFormat.SHA256_SIZE
                || sourceDigest.length != PayloadFormat.SHA256_SIZE) {
            throw new IllegalArgumentException("hashes must be 32 bytes");
        }
        sourceSha256 = sourceSha256.clone();
        targetSha256 = targetSha256.clone();
        sourceDigest = sourceDigest.clone();
    }

    @Override
    public byte[] sourceSha256() {
        return sourceSha256.clone();
    }

    @Override
    public byte[] sourceDigest() {
        return sourceDigest.clone();
    }

    @Override
    public byte[] targetSha256() {
        return targetSha256.clone();
    }

    /** Hex of the source SHA-256. */
    public String sourceHex() {
        return PayloadFormat.hex(sourceSha256);
    }

    /** Hex of the source digest (SHA-256 over the source's chunk SHA-256s). */
    public String sourceDigestHex() {
        return PayloadFormat.hex(sourceDigest);
    }

    /** Hex of the target SHA-256. */
    public String targetHex() {
        return PayloadFormat.hex(targetSha256);
    }

    /** The 148 header bytes, CRC included. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(PayloadFormat.HEADER_SIZE);
        b.put(PayloadFormat.MAGIC);
        b.putShort((short) PayloadFormat.VERSION);
        b.putShort((short) kind.code());
        b.putInt(blockSize);
        b.putLong(sourceLength);
        b.put(sourceSha256);
        b.putLong(targetLength);
        b.put(targetSha256);
        b.putInt(operationCount);
        b.putInt(maxReference);
        b.putInt(windowLog);
        b.putInt(sourceChunkLog);
        b.put(sourceDigest);
        b.putInt(PayloadFormat.crc32c(b.array(), 0, b.position()));
        return b.array();
    }

    /** Parses and checks 148 header bytes; every fault is a one-line {@link DeltaException} naming the field. */
    public static PayloadHeader parse(byte[] h) throws DeltaException {
        if (h.length < PayloadFormat.HEADER_SIZE) {
            throw new DeltaException("header: truncated: " + h.length + " of " + PayloadFormat.HEADER_SIZE + " bytes");
        }
        if (!PayloadFormat.isPayload(h, h.length)) {
            throw new DeltaException("header: bad magic (not a hostapp payload)");
        }
        ByteBuffer b = ByteBuffer.wrap(h, 0, PayloadFormat.HEADER_SIZE);
        b.position(PayloadFormat.MAGIC.length);
        int version = Short.toUnsignedInt(b.getShort());
        if (version != PayloadFormat.VERSION) {
            throw new DeltaException("header: unsupported version " + version + " (this decoder reads "
                    + PayloadFormat.VERSION + ")");
        }
        int crcAt = PayloadFormat.HEADER_SIZE - 4;
        if (ByteBuffer.wrap(h).getInt(crcAt) != PayloadFormat.crc32c(h, 0, crcAt)) {
            throw new DeltaException("header: CRC-32C mismatch (corrupt header)");
        }
        int kindCode = Short.toUnsignedInt(b.getShort());
        PayloadKind kind = PayloadKind.fromCode(kindCode);
        if (kind == null) {
            throw new DeltaException("header: unknown payload kind " + kindCode);
        }
        int blockSize = b.getInt();
        long sourceLength = b.getLong();
        byte[] sourceSha = new byte[PayloadFormat.SHA256_SIZE];
        b.get(sourceSha);
        long targetLength = b.getLong();
        byte[] targetSha = new byte[PayloadFormat.SHA256_SIZE];
        b.get(targetSha);
        int opCount = b.getInt();
        int maxReference = b.getInt();
        int windowLog = b.getInt();
        int chunkLog = b.getInt();
        byte[] digest = new byte[PayloadFormat.SHA256_SIZE];
        b.get(digest);
        if (sourceLength < 0 || targetLength < 0 || opCount < 0 || maxReference < 0 || windowLog < 0 || windowLog > 31) {
            throw new DeltaException("header: field out of range (source length " + sourceLength + ", target length "
                    + targetLength + ", operations " + opCount + ", max reference " + maxReference
                    + ", window log " + windowLog + ")");
        }
        if (kind == PayloadKind.FULL_IMAGE && (sourceLength != 0 || !Arrays.equals(sourceSha, new byte[32])
                || chunkLog != 0 || !Arrays.equals(digest, new byte[32]))) {
            throw new DeltaException("header: full image with a source (length " + sourceLength + ", source chunk log "
                    + Integer.toUnsignedString(chunkLog) + ")");
        }
        if (kind == PayloadKind.DELTA && (chunkLog < SourceDigest.MIN_CHUNK_LOG || chunkLog > SourceDigest.MAX_CHUNK_LOG)) {
            throw new DeltaException("header: source chunk log " + Integer.toUnsignedString(chunkLog) + " out of range ("
                    + SourceDigest.MIN_CHUNK_LOG + ".." + SourceDigest.MAX_CHUNK_LOG + ")");
        }
        if (kind == PayloadKind.DELTA) {
            long table = SourceChunkTable.size(sourceLength, chunkLog);
            if (table > PayloadFormat.MAX_CHUNK_TABLE) {
                throw new DeltaException("header: a " + sourceLength + "-byte source in 2^" + chunkLog
                        + "-byte chunks needs a " + table + "-byte source chunk table, more than "
                        + PayloadFormat.MAX_CHUNK_TABLE);
            }
        }
        if (targetLength > 0 && opCount == 0) {
            throw new DeltaException("header: no operations for a " + targetLength + "-byte target");
        }
        return new PayloadHeader(kind, blockSize, sourceLength, sourceSha, targetLength, targetSha, opCount,
                maxReference, windowLog, chunkLog, digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadHeader h && Arrays.equals(toBytes(), h.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return kind + " " + sourceLength + " bytes " + sourceHex() + " -> " + targetLength + " bytes " + targetHex()
                + ", " + operationCount + " operations";
    }
}
