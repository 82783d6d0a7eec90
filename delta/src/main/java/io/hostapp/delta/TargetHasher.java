package io.hostapp.delta;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hashes the whole target on a second thread, so the whole-target SHA-256 costs no time on the decoding
 * thread (a device has at least two cores). The decoder hands over copies of what it writes, in target
 * order ({@link #feed}, {@link #feedZeros}); at most {@link #BACKLOG} chunks wait, so memory stays
 * bounded and the decoder slows down rather than queueing without end. On a resume the thread first
 * reads back and hashes what earlier runs wrote ({@code [0, resumedAt)}), which also re-checks it.
 *
 * <p>It hashes the bytes as written rather than reading all of them back: the install pipeline reads
 * the whole slot back and verifies it anyway before any flag flips (DESIGN.md), and a second read-back
 * pass here cost about 0.3 s per 512 MiB on the critical path.
 */
final class TargetHasher implements AutoCloseable {
    static final int BACKLOG = 4;
    private static final byte[] ZEROS = new byte[1 << 16];

    /** A chunk of target bytes, or (data null) a run of {@code zeros} zero bytes, or the end marker. */
    private record Chunk(byte[] data, int length, long zeros, boolean end) {
    }

    private final TargetWriter target;
    private final long resumedAt;
    private final int bufferSize;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(BACKLOG + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BACKLOG); // reused: no garbage
    private final MessageDigest digest = Digests.sha256();
    private final Thread thread;
    private volatile IOException error;
    private volatile boolean done;

    TargetHasher(TargetWriter target, long resumedAt, int bufferSize) {
        this.target = target;
        this.resumedAt = resumedAt;
        this.bufferSize = bufferSize;
        for (int i = 0; i < BACKLOG; i++) {
            free.add(new byte[bufferSize]);
        }
        this.thread = new Thread(this::run, "hostapp-delta-target-hash");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands over {@code len} bytes written next (copied: the caller may reuse {@code buf}). */
    void feed(byte[] buf, int off, int len) throws IOException {
        while (len > 0) {
            byte[] copy = take();
            int n = Math.min(len, copy.length);
            System.arraycopy(buf, off, copy, 0, n);
            put(new Chunk(copy, n, 0, false));
            off += n;
            len -= n;
        }
    }

    private byte[] take() throws IOException {
        try {
            byte[] b;
            while ((b = free.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                if (error != null) {
                    throw error;
                }
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the target");
        }
    }

    /** Hands over a run of {@code n} zero bytes written next. */
    void feedZeros(long n) throws IOException {
        put(new Chunk(null, 0, n, false));
    }

    /** Waits until everything handed over is hashed and returns the digest. */
    byte[] finish() throws IOException {
        put(new Chunk(null, 0, 0, true));
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the target");
        }
        if (error != null) {
            throw error;
        }
        return digest.digest();
    }

    @Override
    public void close() {
        if (!done) {
            thread.interrupt();
        }
    }

    private void put(Chunk c) throws IOException {
        try {
            while (!queue.offer(c, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (error != null) {
                    throw error;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the target");
        }
    }

    private void run() {
        try {
            rehashWritten();
            while (true) {
                Chunk c = queue.take();
                if (c.end()) {
                    break;
                }
                if (c.data() != null) {
                    digest.update(c.data(), 0, c.length());
                    free.put(c.data());
                } else {
                    for (long n = c.zeros(); n > 0; n -= ZEROS.length) {
                        digest.update(ZEROS, 0, (int) Math.min(ZEROS.length, n));
                    }
                }
            }
        } catch (IOException e) {
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done = true;
        }
    }

    // A resumed apply continues a hash it cannot restore (MessageDigest state does not persist): read the
    // target written by earlier runs and hash it again.
    private void rehashWritten() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(bufferSize);
        long pos = 0;
        while (pos < resumedAt) {
            buf.clear().limit((int) Math.min(buf.capacity(), resumedAt - pos));
            int n = target.read(buf, pos);
            if (n < 0) {
                throw new DeltaException("checkpoint: the target reads back only " + pos + " of the " + resumedAt
                        + " bytes earlier runs wrote; clear the checkpoint and start over");
            }
            digest.update(buf.array(), 0, n);
            pos += n;
        }
    }
}
