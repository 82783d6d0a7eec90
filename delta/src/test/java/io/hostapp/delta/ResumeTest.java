package io.hostapp.delta;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An apply interrupted at any byte resumes at the next operation and redoes at most the one it was in. */
class ResumeTest {
    @TempDir
    static Path dir;
    static byte[] v1;
    static byte[] v2;
    static byte[] delta;
    static int operations;

    @BeforeAll
    static void encode() throws IOException {
        v1 = TestImages.image(512, 21);
        v2 = TestImages.nextVersion(v1, 22);
        // small operations, so a crash lands in the middle of many
        delta = Payloads.encode(v1, v2, dir, Payloads.FAST.withMaxPatch(64 << 10));
        operations = PayloadInfo.read(new ByteArrayInputStream(delta)).header().operationCount();
        assertTrue(operations > 20, operations + " operations");
    }

    /** Counts the operations started (and so written to, at least partly). */
    static final class Started implements DecodeListener {
        final List<Integer> started = new ArrayList<>();
        final List<Integer> finished = new ArrayList<>();

        @Override
        public void operationStarted(OperationHeader op) {
            started.add(op.index());
        }

        @Override
        public void operationFinished(OperationHeader op, long payloadOffset) {
            finished.add(op.index());
        }
    }

    @Test
    void crashInTheTargetWriterThenResume() throws IOException {
        for (boolean whole : new boolean[] {true, false}) {
            crashThenResume(whole);
        }
    }

    private void crashThenResume(boolean wholeTarget) throws IOException {
        for (long crashAt : new long[] {1, 4096 * 3 + 17, v2.length / 3, v2.length / 2 + 999, v2.length - 1}) {
            CheckpointStore store = CheckpointStore.inMemory();
            MemoryTarget target = new MemoryTarget(v2.length).crashAfter(crashAt);
            Started first = new Started();
            assertThrows(IOException.class, () -> new DeltaDecoder(MemoryTarget.source(v1), target, store)
                    .verifyWholeTarget(wholeTarget).listener(first).apply(new ByteArrayInputStream(delta)));

            target.crashAfter(Long.MAX_VALUE);
            Started second = new Started();
            DeltaDecoder again = new DeltaDecoder(MemoryTarget.source(v1), target, store)
                    .verifyWholeTarget(wholeTarget).listener(second);
            long offset = again.resumeOffset();
            ApplyResult r = again.apply(new ByteArrayInputStream(delta, (int) offset, delta.length - (int) offset));

            assertArrayEquals(v2, target.bytes(v2.length), "crash at " + crashAt);
            assertEquals(wholeTarget, r.wholeTargetHashed());
            assertEquals(first.finished.size(), r.firstOperation(), "resumes at the first unfinished operation");
            int redone = first.started.size() - r.firstOperation();
            assertEquals(1, redone, "crash at " + crashAt + " redid " + redone + " operations");
            assertEquals(operations - r.firstOperation(), r.operationsApplied());
            assertEquals(delta.length - offset, r.payloadBytesRead(), "fetches only what was not yet applied");
        }
    }

    @Test
    void checkpointForAnotherTargetIsIgnored() throws IOException {
        CheckpointStore store = CheckpointStore.inMemory();
        MemoryTarget target = new MemoryTarget(v2.length).crashAfter(v2.length / 2);
        assertThrows(IOException.class, () -> new DeltaDecoder(MemoryTarget.source(v1), target, store)
                .apply(new ByteArrayInputStream(delta)));
        assertTrue(store.load().isPresent());
        DeltaDecoder other = new DeltaDecoder(MemoryTarget.source(v1), new MemoryTarget(v2.length), store)
                .expectTarget(v2.length, TestImages.sha256(v1));
        assertEquals(0, other.resumeOffset());
    }

    @Test
    void resumedApplyStillChecksTheSourceFirst() throws IOException {
        CheckpointStore store = CheckpointStore.inMemory();
        MemoryTarget target = new MemoryTarget(v2.length).crashAfter(v2.length / 2);
        assertThrows(IOException.class, () -> new DeltaDecoder(MemoryTarget.source(v1), target, store)
                .apply(new ByteArrayInputStream(delta)));
        target.crashAfter(Long.MAX_VALUE);
        long before = target.highestWriteEnd;
        byte[] changed = v1.clone();
        changed[0] ^= 1;
        DeltaDecoder again = new DeltaDecoder(MemoryTarget.source(changed), target, store);
        long offset = again.resumeOffset();
        assertThrows(SourceMismatchException.class, () ->
                again.apply(new ByteArrayInputStream(delta, (int) offset, delta.length - (int) offset)));
        assertEquals(before, target.highestWriteEnd);
    }

    @Test
    void damageToTheWrittenPartIsCaughtOnResume() throws IOException {
        CheckpointStore store = CheckpointStore.inMemory();
        MemoryTarget target = new MemoryTarget(v2.length).crashAfter(v2.length / 2);
        assertThrows(IOException.class, () -> new DeltaDecoder(MemoryTarget.source(v1), target, store)
                .apply(new ByteArrayInputStream(delta)));
        target.crashAfter(Long.MAX_VALUE);
        byte[] one = {0x77};
        target.write(java.nio.ByteBuffer.wrap(one), 100); // the slot lost a byte it had been given
        DeltaDecoder again = new DeltaDecoder(MemoryTarget.source(v1), target, store);
        long offset = again.resumeOffset();
        TargetMismatchException e = assertThrows(TargetMismatchException.class, () ->
                again.apply(new ByteArrayInputStream(delta, (int) offset, delta.length - (int) offset)));
        assertTrue(e.getMessage().startsWith("target: SHA-256 after the last operation is "), e.getMessage());
    }

    @Test
    void streamCutMidOperationResumesLikeACrash() throws IOException {
        CheckpointStore store = CheckpointStore.inMemory();
        MemoryTarget target = new MemoryTarget(v2.length);
        InputStream cut = new ByteArrayInputStream(Arrays.copyOf(delta, delta.length * 2 / 3));
        DeltaException e = assertThrows(DeltaException.class, () ->
                new DeltaDecoder(MemoryTarget.source(v1), target, store).apply(cut));
        assertTrue(e.getMessage().contains("truncated payload"), e.getMessage());
        DeltaDecoder again = new DeltaDecoder(MemoryTarget.source(v1), target, store);
        long offset = again.resumeOffset();
        assertTrue(offset > 0);
        again.apply(new ByteArrayInputStream(delta, (int) offset, delta.length - (int) offset));
        assertArrayEquals(v2, target.bytes(v2.length));
    }

    @Test
    void operationsHandedOverBeforeTheStreamBrokeAreStillCheckpointed() throws IOException {
        int cut = delta.length * 2 / 3;
        int whole = 0; // operations whose data lies entirely before the cut
        PayloadReader r = PayloadReader.atStart(new ByteArrayInputStream(delta));
        for (int i = 0; i < operations; i++) {
            OperationHeader op = r.nextOperation(i);
            r.data(op).skip(op.dataLength());
            if (r.offset() <= cut) {
                whole = i + 1;
            }
        }
        // slow commits: the decoding thread is well ahead of them when the stream breaks
        MemoryTarget mem = new MemoryTarget(v2.length);
        TargetWriter slow = new TargetWriter() {
            @Override public long capacity() { return mem.capacity(); }
            @Override public void write(java.nio.ByteBuffer src, long position) throws IOException {
                mem.write(src, position);
            }
            @Override public int read(java.nio.ByteBuffer dst, long position) { return mem.read(dst, position); }
            @Override public void sync() throws IOException {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
        };
        CheckpointStore store = CheckpointStore.inMemory();
        assertThrows(DeltaException.class, () -> new DeltaDecoder(MemoryTarget.source(v1), slow, store)
                .apply(new ByteArrayInputStream(Arrays.copyOf(delta, cut))));
        assertEquals(whole, store.load().orElseThrow().nextOperation(),
                "every operation read whole before the break is committed");
    }
}
