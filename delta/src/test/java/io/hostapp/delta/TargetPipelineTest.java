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

/** The write-and-hash thread: order, whole-target hash, errors, resume re-hash, early writeback opt-in. */
class TargetPipelineTest {
    private static final int BUF = 4096;

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
        try (TargetPipeline p = new TargetPipeline(t, 0, BUF)) {
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
        try (TargetPipeline p = new TargetPipeline(t, 30_000, BUF)) {
            writeAll(p, data, 30_000, data.length);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), p.finish());
        }
    }

    @Test
    void writeErrorReachesTheDecodingThread() throws Exception {
        MemoryTarget t = new MemoryTarget(100_000).crashAfter(10_000);
        try (TargetPipeline p = new TargetPipeline(t, 0, BUF)) {
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
        TargetWriter t = new TargetWriter() {
            @Override public long capacity() { return mem.capacity(); }
            @Override public void write(ByteBuffer src, long position) throws IOException { mem.write(src, position); }
            @Override public int read(ByteBuffer dst, long position) { return mem.read(dst, position); }
            @Override public void sync() { synced.countDown(); }
            @Override public boolean concurrentSync() { return true; }
        };
        byte[] data = random((int) (3 * TargetPipeline.FLUSH_STEP), 4);
        try (TargetPipeline p = new TargetPipeline(t, 0, 1 << 20)) {
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
        TargetWriter t = new TargetWriter() {
            @Override public long capacity() { return mem.capacity(); }
            @Override public void write(ByteBuffer src, long position) throws IOException { mem.write(src, position); }
            @Override public int read(ByteBuffer dst, long position) { return mem.read(dst, position); }
            @Override public void sync() throws IOException {
                failed.countDown();
                throw new IOException("injected fsync failure");
            }
            @Override public boolean concurrentSync() { return true; }
        };
        byte[] data = random((int) (3 * TargetPipeline.FLUSH_STEP), 5);
        try (TargetPipeline p = new TargetPipeline(t, 0, 1 << 20)) {
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
}
