package io.hostapp.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** {@link TargetWriter} over a {@link FileChannel}: {@link TargetWriter#of} and {@link TargetWriter#sparseFile}. */
final class FileTarget implements TargetWriter {
    private final FileChannel channel;
    private final long capacity;
    private final boolean sparse;

    FileTarget(FileChannel channel, long capacity, boolean sparse) {
        this.channel = channel;
        this.capacity = capacity;
        this.sparse = sparse;
    }

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
    public boolean concurrentSync() {
        return true; // FileChannel.force is thread-safe and may overlap writes
    }

    @Override
    public void writeZeros(long position, long length) throws IOException {
        if (sparse && position >= channel.size()) {
            // past the end of the file: extending it leaves a hole, which reads as zeros
            write(ByteBuffer.allocate(1), position + length - 1);
        } else {
            TargetWriter.super.writeZeros(position, length);
        }
    }
}
