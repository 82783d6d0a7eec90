package io.hostapp.delta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Writes a payload file: a placeholder header and source chunk table, the operations in order, then the
 * real header (whose operation count, max reference and window log are known only at the end) and table
 * (which chunks the operations read) over the placeholders.
 */
public final class PayloadWriter {
    private final FileChannel out;
    private final int tableSize;
    private long position;
    private int operations;

    /**
     * Starts a payload at the beginning of {@code out} (truncated first) whose source chunk table will
     * take {@code tableSize} bytes ({@link SourceChunkTable#size}; 0 for a full image).
     */
    public PayloadWriter(FileChannel out, int tableSize) throws IOException {
        this.out = out;
        this.tableSize = tableSize;
        this.position = PayloadFormat.HEADER_SIZE + tableSize;
        out.truncate(0);
        writeAt(ByteBuffer.allocate((int) position), 0);
    }

    /** Appends an operation and its data ({@code data.length} must equal {@code op.dataLength()}). */
    public void write(OperationHeader op, byte[] data) throws IOException {
        if (data.length != op.dataLength() || op.index() != operations) {
            throw new IllegalArgumentException("operation " + op.index() + " out of order or data length wrong");
        }
        byte[] h = op.toBytes();
        writeAt(ByteBuffer.wrap(h), position);
        position += h.length;
        writeAt(ByteBuffer.wrap(data), position);
        position += data.length;
        operations++;
    }

    /** Operations written so far. */
    public int operations() {
        return operations;
    }

    /** Bytes written so far, header included. */
    public long size() {
        return position;
    }

    /**
     * Writes the final header and source chunk table (null for a full image); the header's operation count
     * and the table's size must match.
     */
    public void finish(PayloadHeader header, SourceChunkTable table) throws IOException {
        if (header.operationCount() != operations) {
            throw new IllegalArgumentException("header says " + header.operationCount() + " operations, wrote "
                    + operations);
        }
        byte[] t = table == null ? new byte[0] : table.toBytes();
        if (t.length != tableSize || SourceChunkTable.size(header) != tableSize) {
            throw new IllegalArgumentException("source chunk table of " + t.length + " bytes, reserved " + tableSize);
        }
        writeAt(ByteBuffer.wrap(t), PayloadFormat.HEADER_SIZE);
        writeAt(ByteBuffer.wrap(header.toBytes()), 0);
        out.force(true);
    }

    private void writeAt(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += out.write(b, pos);
        }
    }

    /** A whole payload in memory (tests, small payloads); {@code table} is null for a full image. */
    public static byte[] toBytes(PayloadHeader header, SourceChunkTable table, List<OperationHeader> ops,
                                 List<byte[]> data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(header.toBytes());
        if (table != null) {
            b.writeBytes(table.toBytes());
        }
        for (int i = 0; i < ops.size(); i++) {
            b.writeBytes(ops.get(i).toBytes());
            b.writeBytes(data.get(i));
        }
        return b.toByteArray();
    }
}
