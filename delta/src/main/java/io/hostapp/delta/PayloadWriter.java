package io.hostapp.delta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Writes a payload file: a placeholder header, the operations in order, then the real header (whose
 * operation count, max reference and window log are known only at the end) over the placeholder.
 */
public final class PayloadWriter {
    private final FileChannel out;
    private long position = PayloadFormat.HEADER_SIZE;
    private int operations;

    /** Starts a payload at the beginning of {@code out} (truncated first). */
    public PayloadWriter(FileChannel out) throws IOException {
        this.out = out;
        out.truncate(0);
        writeAt(ByteBuffer.allocate(PayloadFormat.HEADER_SIZE), 0);
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

    /** Writes the final header; its operation count must match. */
    public void finish(PayloadHeader header) throws IOException {
        if (header.operationCount() != operations) {
            throw new IllegalArgumentException("header says " + header.operationCount() + " operations, wrote "
                    + operations);
        }
        writeAt(ByteBuffer.wrap(header.toBytes()), 0);
        out.force(true);
    }

    private void writeAt(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += out.write(b, pos);
        }
    }

    /** A whole payload in memory (tests, small payloads). */
    public static byte[] toBytes(PayloadHeader header, List<OperationHeader> ops, List<byte[]> data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(header.toBytes());
        for (int i = 0; i < ops.size(); i++) {
            b.writeBytes(ops.get(i).toBytes());
            b.writeBytes(data.get(i));
        }
        return b.toByteArray();
    }
}
