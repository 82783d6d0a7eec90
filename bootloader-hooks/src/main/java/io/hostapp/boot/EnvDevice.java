package io.hostapp.boot;

import java.io.IOException;

/**
 * The storage a bootloader environment lives on: a regular file, a block device, or (in tests) a
 * simulated device that can cut the power in the middle of a write.
 *
 * <p>Deliberately tiny so that a power-cut simulator can implement it: offsets are absolute byte
 * offsets on the device, and there is no open/close life cycle.
 */
public interface EnvDevice {

    /** Size of the device in bytes. */
    long size() throws IOException;

    /**
     * Reads exactly {@code len} bytes at {@code offset}.
     *
     * @throws java.io.EOFException if the device ends before {@code offset + len}
     */
    byte[] read(long offset, int len) throws IOException;

    /**
     * Writes {@code data} at {@code offset} and makes it durable before returning
     * (for a file: {@code FileChannel.force(true)}). A power cut during the call may leave any prefix
     * of {@code data} written; callers that need atomicity (redundant env copies) write elsewhere.
     */
    void write(long offset, byte[] data) throws IOException;
}
