package io.hostapp.delta;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One operation's header ({@code delta/FORMAT.md} "Operation header"): which target bytes it produces,
 * from which extents, how many data bytes follow, and the SHA-256 of its output.
 *
 * @param kind         what the operation does
 * @param index        position in the payload, from 0
 * @param targetOffset first target byte produced
 * @param targetLength number of target bytes produced
 * @param extents      source extents (COPY, DIFF), target extents (TARGET_DIFF) or none
 * @param dataLength   bytes of data following the header (a zstd frame, or 0)
 * @param sha256       SHA-256 of the produced bytes
 */
public record OperationHeader(OpKind kind, int index, long targetOffset, long targetLength, List<Extent> extents,
                              long dataLength, byte[] sha256) {

    public OperationHeader {
        extents = List.copyOf(extents);
        sha256 = sha256.clone();
        if (sha256.length != PayloadFormat.SHA256_SIZE) {
            throw new IllegalArgumentException("sha256 must be 32 bytes");
        }
        if (extents.size() > PayloadFormat.MAX_EXTENTS) {
            throw new IllegalArgumentException("too many extents: " + extents.size());
        }
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The first target byte after this operation. */
    public long targetEnd() {
        return targetOffset + targetLength;
    }

    /** Sum of the extent lengths: the bytes copied (COPY) or the reference size (DIFF, TARGET_DIFF). */
    public long extentBytes() {
        long n = 0;
        for (Extent e : extents) {
            n += e.length();
        }
        return n;
    }

    /** Size of the serialized header. */
    public int headerSize() {
        return sizeFor(extents.size());
    }

    /** Size of a serialized header with {@code extentCount} extents. */
    public static int sizeFor(int extentCount) {
        return PayloadFormat.OP_HEADER_FIXED + PayloadFormat.EXTENT_SIZE * extentCount;
    }

    /** The serialized header, CRC included. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(headerSize());
        b.put((byte) kind.code());
        b.put((byte) 0);
        b.putShort((short) extents.size());
        b.putInt(index);
        b.putLong(targetOffset);
        b.putLong(targetLength);
        for (Extent e : extents) {
            b.putLong(e.offset());
            b.putLong(e.length());
        }
        b.putInt((int) dataLength);
        b.put(sha256);
        b.putInt(PayloadFormat.crc32c(b.array(), 0, b.position()));
        return b.array();
    }

    /** The extent count announced by the first 4 bytes of a serialized header. */
    static int extentCount(byte[] first4) {
        return ((first4[2] & 0xff) << 8) | (first4[3] & 0xff);
    }

    /**
     * Parses a complete serialized header (its length known from {@link #extentCount}). Checks the CRC,
     * the kind code and field ranges; the checks that need the payload header live in
     * {@link OperationRules}. {@code expectedIndex} only names the operation in error messages.
     */
    static OperationHeader parse(byte[] h, int expectedIndex) throws DeltaException {
        int crcAt = h.length - 4;
        if (ByteBuffer.wrap(h).getInt(crcAt) != PayloadFormat.crc32c(h, 0, crcAt)) {
            throw new DeltaException(expectedIndex, DeltaException.at(expectedIndex, null)
                    + "header CRC-32C mismatch (corrupt operation)");
        }
        ByteBuffer b = ByteBuffer.wrap(h);
        int code = b.get() & 0xff;
        OpKind kind = OpKind.fromCode(code);
        if (kind == null) {
            throw new DeltaException(expectedIndex, DeltaException.at(expectedIndex, null) + "unknown kind " + code);
        }
        int flags = b.get() & 0xff;
        int n = Short.toUnsignedInt(b.getShort());
        int index = b.getInt();
        long targetOffset = b.getLong();
        long targetLength = b.getLong();
        String at = DeltaException.at(expectedIndex, kind);
        if (flags != 0) {
            throw new DeltaException(expectedIndex, at + "unknown flags " + flags);
        }
        List<Extent> extents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long off = b.getLong();
            long len = b.getLong();
            if (off < 0 || len <= 0 || off + len < 0) {
                throw new DeltaException(expectedIndex, at + "extent " + i + " out of range [" + off + "+" + len + "]");
            }
            extents.add(new Extent(off, len));
        }
        long dataLength = Integer.toUnsignedLong(b.getInt());
        byte[] sha = new byte[PayloadFormat.SHA256_SIZE];
        b.get(sha);
        if (targetOffset < 0 || targetLength < 0 || targetOffset + targetLength < 0) {
            throw new DeltaException(expectedIndex, at + "target range out of range [" + targetOffset + "+"
                    + targetLength + "]");
        }
        return new OperationHeader(kind, index, targetOffset, targetLength, extents, dataLength, sha);
    }

    @Override
    public String toString() {
        return "operation " + index + " " + kind + " target [" + targetOffset + "+" + targetLength + "] extents "
                + extents + " data " + dataLength;
    }
}
