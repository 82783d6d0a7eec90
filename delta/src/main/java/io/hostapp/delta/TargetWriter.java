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
     * Wraps {@code channel} (opened for read and write); the caller keeps ownership. {@code capacity} is
     * the most the target may hold ({@link Long#MAX_VALUE} for a file that may grow).
     */
    static TargetWriter of(FileChannel channel, long capacity) {
        return new TargetWriter() {
            @Override
            public long capacity() {
                return capacity;
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                while (src.hasRemaining()) {
                    position += channel.write(src, position);
                }
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return channel.read(dst, position);
            }

            @Override
            public void sync() throws IOException {
                channel.force(false);
            }
        };
    }
}
