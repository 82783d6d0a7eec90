package io.hostapp.delta;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a payload front to back, once, without seeking, and knows the byte offset it has reached (the
 * checkpoint's resume point). A stream that ends early is reported as a truncated payload naming the
 * operation it was in.
 */
final class PayloadReader {
    private final InputStream in;
    private final PayloadHeader header;
    private final byte[] headerBytes;
    private SourceChunkTable chunkTable;
    private long offset;

    private PayloadReader(InputStream in, byte[] headerBytes, long offset) throws DeltaException {
        this.in = in;
        this.headerBytes = headerBytes.clone();
        this.header = PayloadHeader.parse(headerBytes);
        this.offset = offset;
    }

    /** Reads the header, and a delta's source chunk table, from the start of {@code in}. */
    static PayloadReader atStart(InputStream in) throws IOException {
        PayloadReader r = headerOnly(in);
        long n = SourceChunkTable.size(r.header); // bounded by PayloadHeader.parse
        if (n > 0) {
            byte[] t = r.readExactly((int) n, -1, "source chunk table");
            r.chunkTable = SourceChunkTable.parse(r.header, t);
        }
        return r;
    }

    /** Reads only the header from the start of {@code in}. */
    static PayloadReader headerOnly(InputStream in) throws IOException {
        byte[] h = in.readNBytes(PayloadFormat.HEADER_SIZE);
        if (h.length < PayloadFormat.HEADER_SIZE) {
            if (h.length >= PayloadFormat.MAGIC.length && !PayloadFormat.isPayload(h, h.length)) {
                throw new DeltaException("header: bad magic (not a hostapp payload)");
            }
            throw new DeltaException("header: truncated payload: " + h.length + " of " + PayloadFormat.HEADER_SIZE
                    + " header bytes");
        }
        return new PayloadReader(in, h, h.length);
    }

    /**
     * Continues a payload whose header was saved in a checkpoint; {@code in} starts at {@code offset}, past
     * the source chunk table ({@link #chunkTable()} is null).
     */
    static PayloadReader resumed(InputStream in, byte[] headerBytes, long offset) throws DeltaException {
        return new PayloadReader(in, headerBytes, offset);
    }

    PayloadHeader header() {
        return header;
    }

    /** The delta's source chunk table, read by {@link #atStart}; null for a full image or a resumed stream. */
    SourceChunkTable chunkTable() {
        return chunkTable;
    }

    byte[] headerBytes() {
        return headerBytes.clone();
    }

    /** Payload bytes consumed so far, counted from the start of the payload. */
    long offset() {
        return offset;
    }

    /** Reads and CRC-checks operation {@code index}'s header. */
    OperationHeader nextOperation(int index) throws IOException {
        byte[] first = readExactly(4, index, "operation header");
        int n = OperationHeader.extentCount(first);
        byte[] h = new byte[OperationHeader.sizeFor(n)];
        System.arraycopy(first, 0, h, 0, 4);
        byte[] rest = readExactly(h.length - 4, index, "operation header");
        System.arraycopy(rest, 0, h, 4, rest.length);
        return OperationHeader.parse(h, index);
    }

    /** The operation's data as a stream of exactly {@code op.dataLength()} bytes. */
    InputStream data(OperationHeader op) {
        return new InputStream() {
            long left = op.dataLength();

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n;
                try {
                    n = in.read(b, off, (int) Math.min(len, left));
                } catch (IOException e) {
                    throw new PayloadStreamException(e); // the source failed, not the payload: resumable
                }
                if (n < 0) {
                    throw truncated(op.index(), op.kind(), "operation data (" + left + " of " + op.dataLength()
                            + " bytes missing)");
                }
                left -= n;
                offset += n;
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                byte[] sink = new byte[8192];
                long done = 0;
                while (done < n) {
                    int r = read(sink, 0, (int) Math.min(sink.length, n - done));
                    if (r < 0) {
                        break;
                    }
                    done += r;
                }
                return done;
            }

            @Override
            public int available() {
                return 0;
            }
        };
    }

    /** Checks that nothing follows the last operation. */
    void expectEnd() throws IOException {
        if (in.read() >= 0) {
            throw new DeltaException("payload: trailing bytes after the last operation (at offset " + offset + ")");
        }
    }

    private byte[] readExactly(int n, int index, String what) throws IOException {
        byte[] b;
        try {
            b = in.readNBytes(n);
        } catch (EOFException e) {
            b = new byte[0];
        }
        offset += b.length;
        if (b.length < n) {
            throw truncated(index, null, what);
        }
        return b;
    }

    private DeltaException truncated(int index, OpKind kind, String what) {
        return new DeltaException(index, index < 0 ? what + ": truncated payload: stream ended at payload offset " + offset
                : DeltaException.at(index, kind) + "truncated payload: stream ended in the " + what
                + " at payload offset " + offset);
    }
}
