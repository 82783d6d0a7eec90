package io.hostapp.delta;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Writes, hashes and commits the target off the decoding thread, so that thread only decompresses (or
 * copies) and never waits for the disk unless it runs out of buffers. Two threads: one writes, then passes
 * each chunk to the other, which adds it to the current operation's SHA-256 (and, if asked, to the
 * whole-target SHA-256).
 *
 * <p>The decoding thread takes a buffer ({@link #buffer}), fills it, and hands it over with its target
 * position ({@link #write}); from then on the buffer belongs to this pipeline, which writes it, hashes
 * it and puts it back in the pool. There are {@link #BUFFERS} buffers, so memory is fixed and the
 * decoder slows down rather than queueing without end. Zero runs travel as a length ({@link #zeros}); an
 * operation made of zeros only gets its hash from {@link ZeroDigests}.
 *
 * <p>Operations are bracketed by {@link #begin} and {@link #commit}. When the writing thread reaches a
 * commit it waits for the hashing thread to finish the operation's SHA-256, checks it against the
 * operation's, fsyncs the target and hands the checkpoint to the {@link Committer}, which records it;
 * only then does it write the next operation's first byte. So the order on disk is exactly "operation i
 * written, verified, durable, checkpointed, then operation i + 1 written" (a crash redoes at most the operation in flight), while the
 * decoding thread, which does not wait for the commit, is already decompressing operation i + 1 into the
 * free buffers. {@link #drain} waits until everything handed over is written and committed (the decoder
 * does at the end); {@link #awaitWritten} only until the target is written up to a point (before reading
 * back a {@link OpKind#TARGET_DIFF} reference).
 *
 * <p>The whole-target hash is optional ({@code wholeTarget}): the operations tile the target and each
 * one's output is checked, so it proves nothing more unless the header's target hash comes from a
 * trusted source the operation hashes do not (see {@link DeltaDecoder#verifyWholeTarget}). When it is
 * kept, a resumed pipeline first reads back and hashes what earlier runs wrote ({@code [0, resumedAt)};
 * a MessageDigest's state does not persist), which also re-checks it.
 *
 * <p>A failure on the pipeline threads (a write error, a commit that found a wrong hash) is rethrown on
 * the decoding thread by the next call, as it was thrown: an IOException, or an unchecked exception or
 * Error unchanged (a power-cut simulation's Error must end the "process", not turn into an I/O error).
 * Everything is written strictly in the order handed over.
 */
final class TargetPipeline implements AutoCloseable {
    static final int BUFFERS = 6;
    static final long FLUSH_STEP = 8L << 20;
    private static final byte[] ZEROS = new byte[1 << 16];

    /** Runs on the writing thread, between operations: the next operation is written only after it returns. */
    interface Committer {
        /** An operation is about to be written. */
        void begin(OperationHeader op) throws IOException;

        /** {@code op}'s output is written, matched its SHA-256 and is durable: record {@code checkpoint}. */
        void committed(OperationHeader op, Checkpoint checkpoint) throws IOException;
    }

    /** What travels through the queues, in order. */
    private sealed interface Item {
    }

    /** {@code data[0, length)} to write at {@code position}. */
    private record Data(byte[] data, int length, long position) implements Item {
    }

    /** {@code length} zero bytes at {@code position}. */
    private record Zeros(long position, long length) implements Item {
    }

    /** Counted down once everything before it is written (and committed), or hashed. */
    private record Marker(CountDownLatch reached) implements Item {
    }

    private record Begin(OperationHeader op) implements Item {
    }

    /** The end of an operation; the hashing thread fills in {@code sha256} and counts down {@code hashed}. */
    private static final class End implements Item {
        final OperationHeader op;
        final Checkpoint checkpoint;
        final CountDownLatch hashed = new CountDownLatch(1);
        volatile byte[] sha256;

        End(OperationHeader op, Checkpoint checkpoint) {
            this.op = op;
            this.checkpoint = checkpoint;
        }
    }

    private static final Item STOP = new Marker(null);

    private final TargetWriter target;
    private final Committer committer;
    private final long resumedAt;
    private final int bufferSize;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(2 * BUFFERS + 4);
    private final BlockingQueue<Item> hashQueue = new ArrayBlockingQueue<>(2 * BUFFERS + 4);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final MessageDigest digest;      // the whole target's, or null when not kept
    private final MessageDigest opDigest = Digests.sha256();
    private long opZeros;       // length of the operation's Zeros item, 0 if it has none (hashing thread only)
    private final Thread thread;
    private final Thread hasher;
    private final Thread flusher;
    private final Object syncLock = new Object(); // one fsync at a time, and a failed one is seen by the next
    private final Object progress = new Object();
    private long writtenTo;     // everything below this target offset is written (guarded by progress)
    private long flushedTo;     // writtenTo when the flusher's last fsync started (guarded by progress)
    private volatile Throwable error;
    private volatile boolean stop;

    /**
     * @param resumedAt   where writing starts (an earlier run wrote {@code [0, resumedAt)})
     * @param wholeTarget whether to hash the whole target as well as each operation
     * @param committer   called on the writing thread around each operation
     */
    TargetPipeline(TargetWriter target, long resumedAt, int bufferSize, boolean wholeTarget, Committer committer) {
        this.target = target;
        this.committer = committer;
        this.digest = wholeTarget ? Digests.sha256() : null;
        this.resumedAt = resumedAt;
        this.writtenTo = resumedAt;
        this.flushedTo = resumedAt;
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

    /** Starts an operation: {@link Committer#begin} runs once the previous operation is committed. */
    void begin(OperationHeader op) throws IOException {
        put(queue, new Begin(op));
    }

    /** Writes {@code buf[0, len)} at {@code position}; {@code buf} came from {@link #buffer} and is handed over. */
    void write(byte[] buf, int len, long position) throws IOException {
        put(queue, new Data(buf, len, position));
    }

    /**
     * Writes {@code n} zero bytes at {@code position} (see {@link TargetWriter#writeZeros}): a whole ZERO
     * operation, whose hash then comes from {@link ZeroDigests}.
     */
    void zeros(long position, long n) throws IOException {
        put(queue, new Zeros(position, n));
    }

    /**
     * Ends the operation begun last: once its output is written and hashed, the writing thread passes its
     * SHA-256 and {@code checkpoint} to {@link Committer#commit}. Returns at once.
     */
    void commit(OperationHeader op, Checkpoint checkpoint) throws IOException {
        put(queue, new End(op, checkpoint));
    }

    /**
     * Waits until the target is written up to {@code end} (not necessarily hashed or committed): what a
     * {@link OpKind#TARGET_DIFF} reference below {@code end} needs before it is read back. If an operation
     * it reads turns out wrong, its commit fails and nothing after it is committed either.
     */
    void awaitWritten(long end) throws IOException {
        synchronized (progress) {
            while (writtenTo < end) {
                failIfBroken();
                try {
                    progress.wait(100);
                } catch (InterruptedException e) {
                    throw interrupted();
                }
            }
        }
    }

    /** Waits until everything handed over so far is written and committed (the whole-target hash may lag). */
    void drain() throws IOException {
        CountDownLatch latch = new CountDownLatch(1);
        put(queue, new Marker(latch));
        await(latch);
    }

    /**
     * After the decoding thread failed with {@code cause}: lets the threads finish what was handed over
     * (the operations handed over whole are checked and committed; the rest of the failed one is written
     * but not committed) and returns. A failure of the pipeline itself is added to {@code cause} as
     * suppressed. Not for Errors: a power cut ends everything at once.
     */
    void commitHandedOver(IOException cause) {
        try {
            drain();
        } catch (IOException | RuntimeException e) {
            if (e != cause) {
                cause.addSuppressed(e);
            }
        }
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

    /**
     * Drains, waits for the hash to catch up, stops the threads and returns the whole target's SHA-256
     * (null if the pipeline does not keep it).
     */
    byte[] finish() throws IOException {
        drain();
        // every chunk written so far is already in hashQueue, ahead of this marker
        CountDownLatch hashed = new CountDownLatch(1);
        put(hashQueue, new Marker(hashed));
        await(hashed);
        close();
        return digest == null ? null : digest.digest();
    }

    /**
     * Stops the threads after the item they are on, without interrupting them (an interrupt during
     * FileChannel I/O would close the caller's channel), and waits for them.
     */
    @Override
    public void close() {
        stop = true;
        queue.offer(STOP); // wakes a thread waiting for work; a full queue means it is not waiting
        hashQueue.offer(STOP);
        synchronized (progress) {
            progress.notifyAll();
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

    private void put(BlockingQueue<Item> q, Item c) throws IOException {
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
                Item c = queue.take();
                if (c == STOP) {
                    break;
                } else if (c instanceof Marker m) {
                    m.reached().countDown();
                    continue;
                } else if (c instanceof Begin b) {
                    committer.begin(b.op());
                    continue;
                } else if (c instanceof Data d) {
                    target.write(ByteBuffer.wrap(d.data(), 0, d.length()), d.position());
                    writtenTo(d.position() + d.length());
                } else if (c instanceof Zeros z) {
                    target.writeZeros(z.position(), z.length());
                    writtenTo(z.position() + z.length());
                }
                if (!toHasher(c)) {
                    return;
                }
                if (c instanceof End e) {
                    while (!e.hashed.await(100, TimeUnit.MILLISECONDS)) {
                        if (stop || !hasher.isAlive()) {
                            return;
                        }
                    }
                    OperationHeader op = e.op;
                    if (!Arrays.equals(e.sha256, op.sha256())) {
                        throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind())
                                + "output SHA-256 mismatch: expected " + PayloadFormat.hex(op.sha256()) + ", got "
                                + PayloadFormat.hex(e.sha256));
                    }
                    sync();
                    committer.committed(op, e.checkpoint);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // The checkpoint's fsync. It takes the same lock as the flusher's, so a writeback error the flusher's
    // fsync consumed (Linux reports one once per open file) is recorded before this one returns, and then
    // stops the checkpoint.
    private void sync() throws IOException {
        synchronized (syncLock) {
            target.sync();
            if (error != null) {
                throw new IOException("early writeback failed before operation's checkpoint", error);
            }
        }
    }

    // wakes awaitWritten and the flusher
    private void writtenTo(long end) {
        synchronized (progress) {
            writtenTo = end;
            progress.notifyAll();
        }
    }

    private boolean toHasher(Item c) throws InterruptedException {
        while (!hashQueue.offer(c, 100, TimeUnit.MILLISECONDS)) {
            if (stop || !hasher.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private void hash() {
        try {
            if (digest != null) {
                rehashWritten();
            }
            while (!stop) {
                Item c = hashQueue.take();
                if (c == STOP) {
                    break;
                } else if (c instanceof Marker m) {
                    m.reached().countDown();
                } else if (c instanceof End e) {
                    // a ZERO operation gets its hash without hashing the zeros (were data handed over in the
                    // same operation, which OperationOutput never does, the check would fail, not pass)
                    e.sha256 = opZeros > 0 ? ZeroDigests.of(opZeros) : opDigest.digest();
                    opZeros = 0;
                    e.hashed.countDown();
                } else if (c instanceof Data d) {
                    opDigest.update(d.data(), 0, d.length());
                    if (digest != null) {
                        digest.update(d.data(), 0, d.length());
                    }
                    free.put(d.data());
                } else if (c instanceof Zeros z) {
                    opZeros = z.length();
                    if (digest != null) {
                        updateZeros(digest, z.length());
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void updateZeros(MessageDigest d, long n) {
        for (; n > 0; n -= ZEROS.length) {
            d.update(ZEROS, 0, (int) Math.min(ZEROS.length, n));
        }
    }

    // Starts writeback early (only if the target allows concurrentSync): the writing thread fsyncs before
    // every checkpoint, and an fsync that finds megabytes of dirty pages waits for all of them. This thread
    // fsyncs every FLUSH_STEP bytes of target written, while decoding goes on, so the checkpoint's fsync finds little
    // left to do. It changes nothing about what a checkpoint means. A failed fsync here is reported like a
    // failed write: the decoder's next call throws it, and the next checkpoint's fsync (sync(), same lock)
    // sees it and saves no checkpoint; Linux reports a writeback error once per open file, so that fsync
    // itself could succeed after this one failed.
    private void flush() {
        while (!stop) {
            synchronized (progress) {
                while (!stop && writtenTo - flushedTo < FLUSH_STEP) {
                    try {
                        progress.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                flushedTo = writtenTo;
            }
            if (stop) {
                return;
            }
            synchronized (syncLock) {
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
