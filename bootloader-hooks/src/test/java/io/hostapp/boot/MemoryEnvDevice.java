package io.hostapp.boot;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/** In-memory {@link EnvDevice} for tests; can tear the next write after a number of bytes (power cut). */
public final class MemoryEnvDevice implements EnvDevice {
    private final byte[] bytes;
    private int tearAfter = -1;
    public int writes;

    public MemoryEnvDevice(int size, int fill) {
        bytes = new byte[size];
        Arrays.fill(bytes, (byte) fill);
    }

    /** The next write stores only its first {@code n} bytes, then fails like a power cut. */
    public void tearNextWriteAfter(int n) {
        tearAfter = n;
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public byte[] read(long offset, int len) throws IOException {
        if (offset + len > bytes.length) {
            throw new EOFException("memory device ends at " + bytes.length);
        }
        return Arrays.copyOfRange(bytes, (int) offset, (int) offset + len);
    }

    @Override
    public void write(long offset, byte[] data) throws IOException {
        writes++;
        int n = tearAfter >= 0 ? Math.min(tearAfter, data.length) : data.length;
        System.arraycopy(data, 0, bytes, (int) offset, n);
        if (tearAfter >= 0) {
            tearAfter = -1;
            throw new IOException("power cut after " + n + " bytes");
        }
    }
}
