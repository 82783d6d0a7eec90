package io.hostapp.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positional reads of the source image (on a device: the active slot). The decoder never asks for a
 * byte at or past {@link #length()}. {@link #read} must allow concurrent calls from several threads (the
 * source check hashes chunks in parallel, {@link SourceDigest}), as {@link FileChannel}'s positional reads
 * do.
 */
public interface SourceReader {

    /** The source's length in bytes (a block device's size, a file's length). */
    long length() throws IOException;

    /**
     * Reads up to {@code dst.remaining()} bytes starting at {@code position}, like
     * {@link FileChannel#read(ByteBuffer, long)}: returns the count read, or -1 at the end.
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /** A source with no bytes, for full-image payloads. */
    SourceReader EMPTY = new SourceReader() {
        @Override
        public long length() {
            return 0;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            return -1;
        }
    };

    /** Reads {@code channel}; the caller keeps ownership (and closes it). */
    static SourceReader of(FileChannel channel) {
        return new SourceReader() {
            @Override
            public long length() throws IOException {
                return channel.size();
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return channel.read(dst, position);
            }
        };
    }
}
