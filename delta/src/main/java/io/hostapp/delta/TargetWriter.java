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
     * Writes {@code length} zero bytes at {@code position}. The default writes them; a file target may
     * instead leave a hole when the range lies past its current end (a block device cannot: its old
     * contents would show through).
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
     * Wraps {@code channel} (opened for read and write); the caller keeps ownership. {@code capacity} is
     * the most the target may hold ({@link Long#MAX_VALUE} for a file that may grow). Zero runs past the
     * file's end become holes (sparse files), as {@code cp --sparse} and {@code zstd -d} do.
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

            @Override
            public void writeZeros(long position, long length) throws IOException {
                if (position >= channel.size()) {
                    // past the end of the file: extending it leaves a hole, which reads as zeros
                    write(ByteBuffer.allocate(1), position + length - 1);
                } else {
                    TargetWriter.super.writeZeros(position, length);
                }
            }
        };
    }
}
