package io.hostapp.tests.fuzz;

import io.hostapp.boot.EnvDevice;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link EnvDevice} over a byte array that records every write, so a fuzz test can assert where an env
 * store wrote. It grows on writes past its end up to {@link #LIMIT} bytes (a bigger write is an
 * IOException, like a full device).
 */
final class MemoryEnvDevice implements EnvDevice {
    static final int LIMIT = 1 << 20;

    /** One write: where and how many bytes. */
    record Write(long offset, int length) {
    }

    private byte[] bytes;
    private final List<Write> writes = new ArrayList<>();

    MemoryEnvDevice(byte[] content) {
        this.bytes = content.clone();
    }

    List<Write> writes() {
        return writes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public byte[] read(long offset, int len) throws IOException {
        if (offset < 0 || len < 0) {
            throw new IOException("bad read offset " + offset + " length " + len);
        }
        if (offset + len > bytes.length) {
            throw new EOFException("device ends at " + bytes.length);
        }
        return Arrays.copyOfRange(bytes, (int) offset, (int) offset + len);
    }

    @Override
    public void write(long offset, byte[] data) throws IOException {
        writes.add(new Write(offset, data.length));
        if (offset < 0 || offset + data.length > LIMIT) {
            throw new IOException("no space left on device (write at " + offset + ")");
        }
        int end = (int) offset + data.length;
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, end);
        }
        System.arraycopy(data, 0, bytes, (int) offset, data.length);
    }
}
