package io.hostapp.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positional writes to the target (on a device: the inactive slot). The decoder writes only inside
 * {@code [0, target length)} of the payload being applied, and reads back only what it wrote (to carry the
 * whole-target hash across a resume, and for {@link OpKind#TARGET_DIFF} references).
 */
public interface TargetWriter {

    /** How many bytes the target can hold (a slot's size); a payload with a longer target is refused. */
    long capacity() throws IOException;

    /** Writes all of {@code src} at {@code position}. */
    void write(ByteBuffer src, long position) throws IOException;

    /** Reads up to {@code dst.remaining()} bytes at {@code position}; returns the count, or -1 at the end. */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Makes every write so far durable (fsync); called before each checkpoint is recorded. */
    void sync() throws IOException;

    /**
     * Whether {@link #sync} may run on another thread while writes go on. If so, the decoder starts
     * writeback early (an fsync every 8 MiB written, off the decoding thread), so the fsync before each
     * checkpoint finds little left to do. Default false: a writer that counts or orders its calls (a
     * power-cut simulation) sees exactly the decoder's own sequence.
     */
    default boolean concurrentSync() {
        return false;
    }

    /**
     * Writes {@code length} zero bytes at {@code position}. The default writes them; {@link #sparseFile}
     * instead leaves a hole when the range lies past the file's current end.
     */
    default void writeZeros(long position, long length) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, 1 << 20));
        while (length > 0) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), length));
            write(zeros, position);
            position += zeros.limit();
            length -= zeros.limit();
        }
    }

    /**
     * Wraps {@code channel} (opened for read and write, a block device or a file); the caller keeps
     * ownership. {@code capacity} is the most the target may hold (a slot's size, or {@link Long#MAX_VALUE}
     * for a file that may grow). Zero runs are written as zeros.
     */
    static TargetWriter of(FileChannel channel, long capacity) {
        return new FileTarget(channel, capacity, false);
    }

    /**
     * Wraps a regular file that may grow: zero runs past its current end become holes (a sparse file, as
     * {@code cp --sparse} and {@code zstd -d} make), which read as zeros. Never use this for a block
     * device: a device has no end to extend, and its old contents would show through.
     */
    static TargetWriter sparseFile(FileChannel channel) {
        return new FileTarget(channel, Long.MAX_VALUE, true);
    }
}
