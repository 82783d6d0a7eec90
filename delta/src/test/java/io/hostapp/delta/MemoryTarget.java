package io.hostapp.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A target in memory that records the lowest and highest byte ever written, and can be told to fail
 * (a crash) after a given number of bytes.
 */
public final class MemoryTarget implements TargetWriter {
    private final byte[] bytes;
    private long crashAfter = Long.MAX_VALUE;
    private long written;
    public long lowestWrite = Long.MAX_VALUE;
    public long highestWriteEnd = -1;
    public int syncs;

    public MemoryTarget(int capacity) {
        this.bytes = new byte[capacity];
    }

    /** Makes writes fail once {@code n} more bytes have been written. */
    public MemoryTarget crashAfter(long n) {
        crashAfter = n == Long.MAX_VALUE ? n : written + n;
        return this;
    }

    public byte[] bytes(int length) {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public long capacity() {
        return bytes.length;
    }

    @Override
    public synchronized void write(ByteBuffer src, long position) throws IOException {
        int n = src.remaining();
        if (position < 0 || position + n > bytes.length) {
            throw new IllegalStateException("write outside the target: " + position + "+" + n);
        }
        if (written + n > crashAfter) {
            int part = (int) (crashAfter - written);
            src.get(bytes, (int) position, part);
            written += part;
            throw new IOException("injected crash");
        }
        lowestWrite = Math.min(lowestWrite, position);
        highestWriteEnd = Math.max(highestWriteEnd, position + n);
        src.get(bytes, (int) position, n);
        written += n;
    }

    @Override
    public synchronized int read(ByteBuffer dst, long position) {
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), bytes.length - position);
        dst.put(bytes, (int) position, n);
        return n;
    }

    @Override
    public void sync() {
        syncs++;
    }

    /** A source reader over bytes that fails the test if asked for bytes past its end. */
    public static SourceReader source(byte[] b) {
        return new SourceReader() {
            @Override
            public long length() {
                return b.length;
            }

            @Override
            public int read(ByteBuffer dst, long position) {
                if (position >= b.length) {
                    throw new IllegalStateException("read past the source end at " + position);
                }
                int n = (int) Math.min(dst.remaining(), b.length - position);
                dst.put(b, (int) position, n);
                return n;
            }
        };
    }
}
