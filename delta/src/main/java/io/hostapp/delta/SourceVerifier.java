package io.hostapp.delta;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hashes the first {@code length} bytes of the source with reading and hashing overlapped: a reader
 * thread fills buffers while the calling thread hashes the previous one. The source check runs before
 * anything else can happen, so it is on the critical path of every apply; this makes it cost about the
 * hashing alone (on a device, about the read alone).
 */
final class SourceVerifier {
    private static final int BUFFERS = 3;

    private SourceVerifier() {
    }

    private record Chunk(ByteBuffer buf, IOException error) {
    }

    static byte[] sha256(SourceReader source, long length, int bufferSize) throws IOException {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ByteBuffer.allocate(bufferSize));
        }
        Thread reader = new Thread(() -> read(source, length, free, full), "hostapp-delta-source-read");
        reader.setDaemon(true);
        reader.start();
        MessageDigest d = Digests.sha256();
        long hashed = 0;
        try {
            while (hashed < length) {
                Chunk c = full.take();
                if (c.error() != null) {
                    throw c.error();
                }
                d.update(c.buf().array(), 0, c.buf().limit());
                hashed += c.buf().limit();
                free.put(c.buf());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the source");
        } finally {
            reader.interrupt();
        }
        return d.digest();
    }

    private static void read(SourceReader source, long length, BlockingQueue<ByteBuffer> free,
                             BlockingQueue<Chunk> full) {
        long pos = 0;
        try {
            while (pos < length) {
                ByteBuffer b = free.take();
                b.clear().limit((int) Math.min(b.capacity(), length - pos));
                while (b.hasRemaining()) {
                    int n = source.read(b, pos + b.position());
                    if (n < 0) {
                        throw new EOFException("source ends at " + (pos + b.position()) + ", expected " + length
                                + " bytes");
                    }
                }
                b.flip();
                pos += b.limit();
                full.put(new Chunk(b, null));
            }
        } catch (IOException e) {
            full.offer(new Chunk(null, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
