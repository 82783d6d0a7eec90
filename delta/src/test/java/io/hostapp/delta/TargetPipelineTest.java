package io.hostapp.delta;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The write, hash and commit threads: order, operation and whole-target hashes, commits strictly between
 * operations, errors, resume re-hash, early writeback opt-in.
 */
class TargetPipelineTest {
    private static final int BUF = 4096;
    private static final TargetPipeline.Committer NONE = new TargetPipeline.Committer() {
        @Override public void begin(OperationHeader op) { }
        @Override public void committed(OperationHeader op, Checkpoint checkpoint) { }
    };
    private static final byte[] HEADER = new byte[PayloadFormat.HEADER_SIZE];

    interface SyncAction {
        void sync() throws IOException;
    }

    /** {@code mem}, with concurrent sync allowed and {@code sync} doing {@code onSync}. */
    private static TargetWriter concurrentSync(MemoryTarget mem, SyncAction onSync) {
        return new TargetWriter() {
            @Override public long capacity() { return mem.capacity(); }
            @Override public void write(ByteBuffer src, long position) throws IOException { mem.write(src, position); }
            @Override public int read(ByteBuffer dst, long position) { return mem.read(dst, position); }
            @Override public void sync() throws IOException { onSync.sync(); }
            @Override public boolean concurrentSync() { return true; }
        };
    }

    private static TargetPipeline pipeline(TargetWriter t, long resumedAt, int buf) {
        return new TargetPipeline(t, resumedAt, buf, true, NONE);
    }

    private static byte[] sha256(byte[] b, int from, int to) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(b, from, to - from);
        return d.digest();
    }

    private static OperationHeader op(OpKind kind, int index, long offset, long length, byte[] sha) {
        return new OperationHeader(kind, index, offset, length, java.util.List.of(), 0, sha);
    }

    private static Checkpoint checkpoint(int next, long targetOffset) {
        return new Checkpoint(HEADER, next, 0, targetOffset);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void writeAll(TargetPipeline p, byte[] data, int from, int to) throws IOException {
        for (int pos = from; pos < to; ) {
            byte[] buf = p.buffer();
            int n = Math.min(buf.length, to - pos);
            System.arraycopy(data, pos, buf, 0, n);
            p.write(buf, n, pos);
            pos += n;
        }
    }

    @Test
    void writesInOrderAndHashesTheWholeTarget() throws Exception {
        byte[] data = random(100_000, 1);
        Arrays.fill(data, 40_000, 60_000, (byte) 0);
        MemoryTarget t = new MemoryTarget(data.length);
        byte[] got;
        try (TargetPipeline p = pipeline(t, 0, BUF)) {
            writeAll(p, data, 0, 40_000);
            p.zeros(40_000, 20_000);
            writeAll(p, data, 60_000, data.length);
            got = p.finish();
        }
        assertArrayEquals(data, t.bytes(data.length));
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), got);
        assertEquals(0, t.syncs, "a MemoryTarget does not allow concurrent sync: no early writeback");
    }

    @Test
    void resumedPipelineRehashesWhatEarlierRunsWrote() throws Exception {
        byte[] data = random(50_000, 2);
        MemoryTarget t = new MemoryTarget(data.length);
        t.write(ByteBuffer.wrap(data, 0, 30_000), 0);
        try (TargetPipeline p = pipeline(t, 30_000, BUF)) {
            writeAll(p, data, 30_000, data.length);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), p.finish());
        }
    }

    @Test
    void writeErrorReachesTheDecodingThread() throws Exception {
        MemoryTarget t = new MemoryTarget(100_000).crashAfter(10_000);
        try (TargetPipeline p = pipeline(t, 0, BUF)) {
            IOException e = assertThrows(IOException.class, () -> {
                writeAll(p, random(100_000, 3), 0, 100_000);
                p.drain();
            });
            assertTrue(e.getMessage().contains("injected crash"), e.getMessage());
        }
    }

    @Test
    void concurrentSyncTargetGetsEarlyWriteback() throws Exception {
        CountDownLatch synced = new CountDownLatch(1);
        MemoryTarget mem = new MemoryTarget((int) (3 * TargetPipeline.FLUSH_STEP));
        TargetWriter t = concurrentSync(mem, synced::countDown);
        byte[] data = random((int) (3 * TargetPipeline.FLUSH_STEP), 4);
        try (TargetPipeline p = pipeline(t, 0, 1 << 20)) {
            writeAll(p, data, 0, data.length);
            p.drain();
            assertTrue(synced.await(30, TimeUnit.SECONDS), "the flusher fsyncs once 8 MiB are written");
            p.finish();
        }
        assertArrayEquals(data, mem.bytes(data.length));
    }

    @Test
    void failedEarlyFsyncFailsTheNextDrain() throws Exception {
        // Linux reports a writeback error to one fsync per open file: the flusher's failure must not be lost
        CountDownLatch failed = new CountDownLatch(1);
        MemoryTarget mem = new MemoryTarget((int) (3 * TargetPipeline.FLUSH_STEP));
        TargetWriter t = concurrentSync(mem, () -> {
            failed.countDown();
            throw new IOException("injected fsync failure");
        });
        byte[] data = random((int) (3 * TargetPipeline.FLUSH_STEP), 5);
        try (TargetPipeline p = pipeline(t, 0, 1 << 20)) {
            writeAll(p, data, 0, data.length);
            assertTrue(failed.await(30, TimeUnit.SECONDS), "the flusher fsyncs once 8 MiB are written");
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 3000; i++) { // the flusher records its error just after sync() throws
                    p.drain();
                    Thread.sleep(10);
                }
            });
            assertTrue(e.getMessage().contains("injected fsync failure"), e.getMessage());
        }
    }

    /** Records writes and commits in one sequence. */
    static final class Recorder implements TargetPipeline.Committer {
        final java.util.List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final MemoryTarget mem;
        final TargetWriter target;

        Recorder(int size) {
            mem = new MemoryTarget(size);
            target = new TargetWriter() {
                @Override public long capacity() { return mem.capacity(); }
                @Override public void write(ByteBuffer src, long position) throws IOException {
                    events.add("write " + position);
                    mem.write(src, position);
                }
                @Override public int read(ByteBuffer dst, long position) { return mem.read(dst, position); }
                @Override public void sync() { events.add("sync"); }
            };
        }

        @Override public void begin(OperationHeader op) { events.add("begin " + op.index()); }

        @Override public void committed(OperationHeader op, Checkpoint checkpoint) {
            events.add("checkpoint " + checkpoint.nextOperation());
        }
    }

    @Test
    void eachOperationIsHashedCheckedAndCheckpointedBeforeTheNextIsWritten() throws Exception {
        byte[] data = random(3 * BUF, 6);
        Arrays.fill(data, BUF, 2 * BUF, (byte) 0);
        Recorder r = new Recorder(data.length);
        try (TargetPipeline p = new TargetPipeline(r.target, 0, BUF, false, r)) {
            p.begin(op(OpKind.DATA, 0, 0, BUF, sha256(data, 0, BUF)));
            writeAll(p, data, 0, BUF);
            p.commit(op(OpKind.DATA, 0, 0, BUF, sha256(data, 0, BUF)), checkpoint(1, BUF));
            OperationHeader zero = op(OpKind.ZERO, 1, BUF, BUF, sha256(data, BUF, 2 * BUF));
            p.begin(zero);
            p.zeros(BUF, BUF);
            p.commit(zero, checkpoint(2, 2 * BUF));
            OperationHeader last = op(OpKind.DATA, 2, 2 * BUF, BUF, sha256(data, 2 * BUF, 3 * BUF));
            p.begin(last);
            writeAll(p, data, 2 * BUF, 3 * BUF);
            p.commit(last, checkpoint(3, 3 * BUF));
            assertEquals(null, p.finish(), "no whole-target hash asked for");
        }
        assertArrayEquals(data, r.mem.bytes(data.length));
        assertEquals(java.util.List.of("begin 0", "write 0", "sync", "checkpoint 1", "begin 1",
                "write " + BUF, "sync", "checkpoint 2", "begin 2", "write " + 2 * BUF, "sync", "checkpoint 3"),
                r.events);
    }

    @Test
    void wrongOperationHashStopsBeforeItsCheckpointAndTheNextWrite() throws Exception {
        byte[] data = random(2 * BUF, 7);
        Recorder r = new Recorder(data.length);
        try (TargetPipeline p = new TargetPipeline(r.target, 0, BUF, false, r)) {
            OperationHeader bad = op(OpKind.DATA, 0, 0, BUF, new byte[32]);
            p.begin(bad);
            writeAll(p, data, 0, BUF);
            p.commit(bad, checkpoint(1, BUF));
            DeltaException e = assertThrows(DeltaException.class, () -> {
                p.begin(op(OpKind.DATA, 1, BUF, BUF, sha256(data, BUF, 2 * BUF)));
                writeAll(p, data, BUF, 2 * BUF);
                p.drain();
            });
            assertTrue(e.getMessage().startsWith("operation 0 (DATA): output SHA-256 mismatch"), e.getMessage());
        }
        assertEquals(java.util.List.of("begin 0", "write 0"), r.events);
    }

    @Test
    void failedEarlyFsyncStopsTheNextCheckpoint() throws Exception {
        java.util.concurrent.atomic.AtomicInteger syncs = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Checkpoint> saved = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        MemoryTarget mem = new MemoryTarget((int) (3 * TargetPipeline.FLUSH_STEP));
        TargetWriter t = concurrentSync(mem, () -> {
            if (syncs.incrementAndGet() == 1) {
                throw new IOException("injected fsync failure"); // the flusher's, or the checkpoint's
            }
        });
        TargetPipeline.Committer c = new TargetPipeline.Committer() {
            @Override public void begin(OperationHeader op) { }
            @Override public void committed(OperationHeader op, Checkpoint checkpoint) { saved.add(checkpoint); }
        };
        byte[] data = random((int) (3 * TargetPipeline.FLUSH_STEP), 8);
        try (TargetPipeline p = new TargetPipeline(t, 0, 1 << 20, false, c)) {
            OperationHeader whole = op(OpKind.DATA, 0, 0, data.length, sha256(data, 0, data.length));
            p.begin(whole);
            writeAll(p, data, 0, data.length);
            p.commit(whole, checkpoint(1, data.length));
            IOException e = assertThrows(IOException.class, p::drain);
            String all = e.getMessage() + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
            assertTrue(all.contains("injected fsync failure"), all);
        }
        assertEquals(java.util.List.of(), saved, "no checkpoint over a failed fsync");
    }

    @Test
    void awaitWrittenDoesNotWaitForTheCommit() throws Exception {
        byte[] data = random(2 * BUF, 9);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch committing = new CountDownLatch(1);
        MemoryTarget mem = new MemoryTarget(data.length);
        TargetPipeline.Committer slow = new TargetPipeline.Committer() {
            @Override public void begin(OperationHeader op) { }
            @Override public void committed(OperationHeader op, Checkpoint checkpoint) throws IOException {
                committing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        try (TargetPipeline p = new TargetPipeline(mem, 0, BUF, false, slow)) {
            OperationHeader first = op(OpKind.DATA, 0, 0, 2 * BUF, sha256(data, 0, 2 * BUF));
            p.begin(first);
            writeAll(p, data, 0, 2 * BUF);
            p.commit(first, checkpoint(1, 2 * BUF));
            assertTrue(committing.await(30, TimeUnit.SECONDS));
            p.awaitWritten(2 * BUF); // returns although the commit is still running
            assertArrayEquals(data, mem.bytes(data.length));
            release.countDown();
            p.drain();
        }
    }
}
