package io.hostapp.delta;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Writes the target and hashes the whole of it off the decoding thread, so that thread only decompresses
 * (or copies) and hashes each operation's output. Two threads: one writes, then passes each chunk to
 * the other, which adds it to the whole-target SHA-256. Hashing is kept apart from writing so that
 * waiting for the writes (before each checkpoint) does not also wait for the hash to catch up: hashing
 * a 300 MiB ZERO run takes 0.2 s, writing it (a hole, or zeros the disk takes in the background) much
 * less.
 *
 * <p>The decoding thread takes a buffer ({@link #buffer}), fills it, and hands it over with its target
 * position ({@link #write}); from then on the buffer belongs to this pipeline, which writes it, hashes
 * it and puts it back in the pool. There are {@link #BUFFERS} buffers, so memory is fixed and the
 * decoder slows down rather than queueing without end. Zero runs travel as a length ({@link #zeros}).
 * {@link #drain} waits until everything handed over is written, which the decoder does before each
 * fsync and checkpoint and before reading back the target for a {@link OpKind#TARGET_DIFF} reference.
 *
 * <p>On a resume the thread first reads back and hashes what earlier runs wrote ({@code [0, resumedAt)};
 * a MessageDigest's state does not persist), which also re-checks it. Elsewhere it hashes the bytes as
 * written rather than reading them back: the install pipeline reads the whole slot back and verifies it
 * before any flag flips (DESIGN.md).
 *
 * <p>A failure on the pipeline threads (a write error) is rethrown on the decoding thread by the next
 * call, as it was thrown: an IOException, or an unchecked exception or Error unchanged (a power-cut
 * simulation's Error must end the "process", not turn into an I/O error). Everything is written strictly in the order handed over.
 */
final class TargetPipeline implements AutoCloseable {
    static final int BUFFERS = 6;
    static final long FLUSH_STEP = 8L << 20;
    private static final byte[] ZEROS = new byte[1 << 16];

    /** Data to write at {@code position}; or (data null, latch null) {@code zeros} zero bytes; or a drain marker. */
    private record Chunk(byte[] data, int length, long position, long zeros, CountDownLatch drained) {
    }

    private static final Chunk STOP = new Chunk(null, 0, 0, 0, null);

    private final TargetWriter target;
    private final long resumedAt;
    private final int bufferSize;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(BUFFERS + 2);
    private final BlockingQueue<Chunk> hashQueue = new ArrayBlockingQueue<>(BUFFERS + 2);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final MessageDigest digest = Digests.sha256();
    private final Thread thread;
    private final Thread hasher;
    private final Thread flusher;
    private final Object flushLock = new Object();
    private long written;       // bytes written by the pipeline thread (guarded by flushLock)
    private long flushed;       // bytes the flusher had seen written when its last fsync started
    private volatile Throwable error;
    private volatile boolean stop;

    TargetPipeline(TargetWriter target, long resumedAt, int bufferSize) {
        this.target = target;
        this.resumedAt = resumedAt;
        this.bufferSize = bufferSize;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[bufferSize]);
        }
        this.hasher = new Thread(this::hash, "hostapp-delta-target-hash");
        hasher.setDaemon(true);
        hasher.start();
        this.thread = new Thread(this::run, "hostapp-delta-target-write");
        thread.setDaemon(true);
        thread.start();
        if (target.concurrentSync()) {
            this.flusher = new Thread(this::flush, "hostapp-delta-target-flush");
            flusher.setDaemon(true);
            flusher.start();
        } else {
            this.flusher = null;
        }
    }

    /** A free buffer of the decoder's buffer size, to fill and pass to {@link #write} or {@link #release}. */
    byte[] buffer() throws IOException {
        try {
            byte[] b;
            while ((b = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
                failIfBroken();
            }
            return b;
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    /** Gives back a buffer from {@link #buffer} that holds nothing to write. */
    void release(byte[] buf) {
        free.offer(buf);
    }

    /** Writes {@code buf[0, len)} at {@code position}; {@code buf} came from {@link #buffer} and is handed over. */
    void write(byte[] buf, int len, long position) throws IOException {
        put(queue, new Chunk(buf, len, position, 0, null));
    }

    /** Writes {@code n} zero bytes at {@code position} (see {@link TargetWriter#writeZeros}). */
    void zeros(long position, long n) throws IOException {
        put(queue, new Chunk(null, 0, position, n, null));
    }

    /** Waits until everything handed over so far is written (not yet fsynced; the hash may lag). */
    void drain() throws IOException {
        CountDownLatch latch = new CountDownLatch(1);
        put(queue, new Chunk(null, 0, 0, 0, latch));
        await(latch);
    }

    private void await(CountDownLatch latch) throws IOException {
        try {
            while (!latch.await(100, TimeUnit.MILLISECONDS)) {
                failIfBroken();
            }
        } catch (InterruptedException e) {
            throw interrupted();
        }
        failIfBroken();
    }

    /** Drains, waits for the hash to catch up, stops the threads and returns the whole target's SHA-256. */
    byte[] finish() throws IOException {
        drain();
        // every chunk written so far is already in hashQueue, ahead of this marker
        CountDownLatch hashed = new CountDownLatch(1);
        put(hashQueue, new Chunk(null, 0, 0, 0, hashed));
        await(hashed);
        close();
        return digest.digest();
    }

    /**
     * Stops the thread after the chunk it is writing, without interrupting it (an interrupt during
     * FileChannel I/O would close the caller's channel), and waits for it.
     */
    @Override
    public void close() {
        stop = true;
        queue.offer(STOP); // wakes a thread waiting for work; a full queue means it is not waiting
        hashQueue.offer(STOP);
        synchronized (flushLock) {
            flushLock.notifyAll();
        }
        try {
            thread.join();
            hasher.join();
            if (flusher != null) {
                flusher.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(BlockingQueue<Chunk> q, Chunk c) throws IOException {
        try {
            while (!q.offer(c, 100, TimeUnit.MILLISECONDS)) {
                failIfBroken();
            }
        } catch (InterruptedException e) {
            throw interrupted();
        }
    }

    private void failIfBroken() throws IOException {
        boolean stopped = !thread.isAlive() || !hasher.isAlive(); // read first: a thread sets error, then ends
        Throwable e = error;
        if (e instanceof IOException io) {
            throw io;
        } else if (e instanceof RuntimeException re) {
            throw re;
        } else if (e instanceof Error er) {
            throw er;
        }
        if (stopped) {
            throw new IOException("the target writer thread stopped");
        }
    }

    private static InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while writing the target");
    }

    private void run() {
        try {
            while (!stop) {
                Chunk c = queue.take();
                if (c == STOP) {
                    break;
                } else if (c.drained() != null) {
                    c.drained().countDown();
                    continue;
                } else if (c.data() != null) {
                    target.write(ByteBuffer.wrap(c.data(), 0, c.length()), c.position());
                    wrote(c.length());
                } else {
                    target.writeZeros(c.position(), c.zeros());
                }
                while (!stop && !hashQueue.offer(c, 100, TimeUnit.MILLISECONDS)) {
                    if (!hasher.isAlive()) {
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void hash() {
        try {
            rehashWritten();
            while (!stop) {
                Chunk c = hashQueue.take();
                if (c == STOP) {
                    break;
                } else if (c.drained() != null) {
                    c.drained().countDown();
                } else if (c.data() != null) {
                    digest.update(c.data(), 0, c.length());
                    free.put(c.data());
                } else {
                    for (long n = c.zeros(); n > 0; n -= ZEROS.length) {
                        digest.update(ZEROS, 0, (int) Math.min(ZEROS.length, n));
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wrote(long n) {
        synchronized (flushLock) {
            written += n;
            if (flusher != null && written - flushed >= FLUSH_STEP) {
                flushLock.notifyAll();
            }
        }
    }

    // Starts writeback early (only if the target allows concurrentSync): the decoder fsyncs before every
    // checkpoint, and an fsync that finds megabytes of dirty pages waits for all of them with the decoding
    // thread idle. This thread fsyncs every FLUSH_STEP bytes written, while decoding goes on, so the
    // checkpoint's fsync finds little left to do. It changes nothing about what a checkpoint means. A
    // failed fsync here is reported like a failed write (the decoder's next drain throws it, before its
    // checkpoint): Linux reports a writeback error once per open file, so the checkpoint's own fsync on
    // the same channel could succeed after this one failed.
    private void flush() {
        while (!stop) {
            synchronized (flushLock) {
                while (!stop && written - flushed < FLUSH_STEP) {
                    try {
                        flushLock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                flushed = written;
            }
            if (stop) {
                return;
            }
            try {
                target.sync();
            } catch (IOException | RuntimeException | Error e) {
                if (error == null) {
                    error = e;
                }
                return;
            }
        }
    }

    // A resumed apply continues a hash it cannot restore: read what earlier runs wrote and hash it again.
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
