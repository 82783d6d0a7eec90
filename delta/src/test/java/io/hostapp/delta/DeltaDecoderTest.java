package io.hostapp.delta;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips through the real encoder, and the decoder's own guarantees (bounds, source check first). */
class DeltaDecoderTest {
    @TempDir
    static Path dir;
    static byte[] v1;
    static byte[] v2;
    static byte[] delta;

    @BeforeAll
    static void encode() throws IOException {
        v1 = TestImages.image(512, 1);
        v2 = TestImages.nextVersion(v1, 2);
        delta = Payloads.encode(v1, v2, dir);
    }

    @Test
    void appliesADeltaWritingOnlyInsideTheTarget() throws IOException {
        MemoryTarget t = new MemoryTarget(v2.length + 8192);
        ApplyResult r = new DeltaDecoder(MemoryTarget.source(v1), t, CheckpointStore.NONE)
                .apply(new ByteArrayInputStream(delta));
        assertArrayEquals(v2, t.bytes(v2.length));
        assertEquals(0, t.lowestWrite);
        assertEquals(v2.length, t.highestWriteEnd);
        assertEquals(TestImages.hex(TestImages.sha256(v2)), r.targetSha256Hex());
        assertEquals(r.header().operationCount(), r.operationsApplied());
        assertEquals(delta.length, r.payloadBytesRead());
        assertTrue(delta.length < v2.length / 4, "delta of " + delta.length + " bytes");
    }

    @Test
    void appliesAFullImage() throws IOException {
        byte[] full = Payloads.encode(null, v2, dir);
        assertArrayEquals(v2, Payloads.apply(null, full, v2.length));
        PayloadInfo info = PayloadInfo.read(new ByteArrayInputStream(full));
        assertEquals(PayloadKind.FULL_IMAGE, info.header().kind());
        assertTrue(info.countByKind().keySet().stream().noneMatch(OpKind::readsSource));
    }

    @Test
    void wrongSourceFailsBeforeAnyWrite() {
        byte[] other = v1.clone();
        other[12345] ^= 1;
        MemoryTarget t = new MemoryTarget(v2.length);
        SourceMismatchException e = assertThrows(SourceMismatchException.class, () ->
                new DeltaDecoder(MemoryTarget.source(other), t, CheckpointStore.NONE)
                        .apply(new ByteArrayInputStream(delta)));
        assertEquals("source: chunk 0 [0, " + v1.length + ") differs from the delta's source (source sha256 "
                + TestImages.hex(TestImages.sha256(v1)) + ")", e.getMessage());
        assertEquals(-1, t.highestWriteEnd);
    }

    @Test
    void wrongByteInTheLastOfSeveralChunksFailsBeforeAnyWrite() throws IOException {
        // 1 MiB chunks: the source is three full chunks and a short one; the target copies all of it
        byte[] src = TestImages.image(3 * 256 + 5, 3);
        Payloads.Builder b = new Payloads.Builder(src, src);
        b.sourceChunkLog = SourceDigest.MIN_CHUNK_LOG;
        b.op(OpKind.COPY, src.length, List.of(new Extent(0, src.length)), new byte[0]);
        byte[] payload = b.build();
        assertArrayEquals(src, Payloads.apply(src, payload, src.length));
        byte[] other = src.clone();
        other[src.length - 1] ^= 1;
        MemoryTarget t = new MemoryTarget(src.length);
        SourceMismatchException e = assertThrows(SourceMismatchException.class, () ->
                new DeltaDecoder(MemoryTarget.source(other), t, CheckpointStore.NONE)
                        .apply(new ByteArrayInputStream(payload)));
        assertEquals("source: chunk 3 [" + (3 << 20) + ", " + src.length + ") differs from the delta's source"
                + " (source sha256 " + TestImages.hex(TestImages.sha256(src)) + ")", e.getMessage());
        assertEquals(-1, t.highestWriteEnd);
    }

    /** Four 1 MiB chunks; the target copies chunks 0 and 2 only. */
    static Payloads.Builder copiesChunksZeroAndTwo(byte[] src) {
        byte[] tgt = new byte[2 << 20];
        System.arraycopy(src, 0, tgt, 0, 1 << 20);
        System.arraycopy(src, 2 << 20, tgt, 1 << 20, 1 << 20);
        Payloads.Builder b = new Payloads.Builder(src, tgt);
        b.sourceChunkLog = SourceDigest.MIN_CHUNK_LOG;
        b.op(OpKind.COPY, 1 << 20, List.of(new Extent(0, 1 << 20)), new byte[0]);
        b.op(OpKind.COPY, 1 << 20, List.of(new Extent(2 << 20, 1 << 20)), new byte[0]);
        return b;
    }

    @Test
    void onlyTheChunksTheDeltaReadsAreChecked() throws IOException {
        byte[] src = TestImages.image(4 * 256, 5);
        Payloads.Builder b = copiesChunksZeroAndTwo(src);
        byte[] payload = b.build();
        SourceChunkTable table = PayloadInfo.read(new ByteArrayInputStream(payload)).chunkTable();
        assertEquals(2, table.readChunks());
        assertEquals(4, table.chunks());
        assertEquals(2 << 20, table.readBytes());
        // a change where the delta does not read (chunks 1 and 3) cannot change the target: applied as usual
        byte[] other = src.clone();
        other[(1 << 20) + 17] ^= 1;
        other[src.length - 1] ^= 1;
        long[] hashed = {-1};
        MemoryTarget t = new MemoryTarget(2 << 20);
        new DeltaDecoder(MemoryTarget.source(other), t, CheckpointStore.NONE)
                .listener(new DecodeListener() {
                    @Override
                    public void sourceVerified(long bytes) {
                        hashed[0] = bytes;
                    }
                })
                .apply(new ByteArrayInputStream(payload));
        assertArrayEquals(b.target, t.bytes(2 << 20));
        assertEquals(2 << 20, hashed[0]);
        // a change in chunk 2 fails before any write
        byte[] bad = src.clone();
        bad[(2 << 20) + 5] ^= 1;
        MemoryTarget t2 = new MemoryTarget(2 << 20);
        SourceMismatchException e = assertThrows(SourceMismatchException.class, () ->
                new DeltaDecoder(MemoryTarget.source(bad), t2, CheckpointStore.NONE)
                        .apply(new ByteArrayInputStream(payload)));
        assertTrue(e.getMessage().startsWith("source: chunk 2 [" + (2 << 20) + ", " + (3 << 20) + ") differs"),
                e.getMessage());
        assertEquals(-1, t2.highestWriteEnd);
    }

    @Test
    void aResumedApplyChecksTheWholeSource() throws IOException {
        // the table is not fetched again on a resume: every chunk is checked against the header's digest
        byte[] src = TestImages.image(4 * 256, 5);
        Payloads.Builder b = copiesChunksZeroAndTwo(src);
        byte[] payload = b.build();
        CheckpointStore store = CheckpointStore.inMemory();
        MemoryTarget t = new MemoryTarget(2 << 20).crashAfter((1 << 20) + 4096);
        assertThrows(IOException.class, () -> new DeltaDecoder(MemoryTarget.source(src), t, store)
                .apply(new ByteArrayInputStream(payload)));
        t.crashAfter(Long.MAX_VALUE);
        byte[] other = src.clone();
        other[(1 << 20) + 17] ^= 1; // in a chunk the delta does not read
        DeltaDecoder again = new DeltaDecoder(MemoryTarget.source(other), t, store);
        long offset = again.resumeOffset();
        assertTrue(offset > PayloadFormat.HEADER_SIZE + SourceChunkTable.size(b.header()), "resumes at " + offset);
        SourceMismatchException e = assertThrows(SourceMismatchException.class, () ->
                again.apply(new ByteArrayInputStream(payload, (int) offset, payload.length - (int) offset)));
        assertTrue(e.getMessage().startsWith("source: SHA-256 chunk digest "
                + TestImages.hex(TestImages.sourceDigest(other, SourceDigest.MIN_CHUNK_LOG))), e.getMessage());
        DeltaDecoder third = new DeltaDecoder(MemoryTarget.source(src), t, store);
        long at = third.resumeOffset();
        third.apply(new ByteArrayInputStream(payload, (int) at, payload.length - (int) at));
        assertArrayEquals(b.target, t.bytes(2 << 20));
    }

    @Test
    void shortSourceFailsBeforeAnyWrite() {
        MemoryTarget t = new MemoryTarget(v2.length);
        SourceMismatchException e = assertThrows(SourceMismatchException.class, () ->
                new DeltaDecoder(MemoryTarget.source(Arrays.copyOf(v1, 4096)), t, CheckpointStore.NONE)
                        .apply(new ByteArrayInputStream(delta)));
        assertEquals("source: 4096 bytes, the delta was made from " + v1.length + " bytes", e.getMessage());
        assertEquals(-1, t.highestWriteEnd);
    }

    @Test
    void sourceLongerThanTheImageIsFine() throws IOException {
        // a slot partition is usually larger than the image it holds
        byte[] slot = Arrays.copyOf(v1, v1.length + 65536);
        Arrays.fill(slot, v1.length, slot.length, (byte) 0x5a);
        MemoryTarget t = new MemoryTarget(v2.length);
        new DeltaDecoder(MemoryTarget.source(slot), t, CheckpointStore.NONE).apply(new ByteArrayInputStream(delta));
        assertArrayEquals(v2, t.bytes(v2.length));
    }

    @Test
    void deltaForAnotherTargetFailsBeforeAnyWrite() {
        MemoryTarget t = new MemoryTarget(v2.length);
        byte[] expected = TestImages.sha256(v1);
        TargetMismatchException e = assertThrows(TargetMismatchException.class, () ->
                new DeltaDecoder(MemoryTarget.source(v1), t, CheckpointStore.NONE)
                        .expectTarget(v2.length, expected).apply(new ByteArrayInputStream(delta)));
        assertTrue(e.getMessage().startsWith("header: payload produces " + v2.length + " bytes "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(payload for another target)"), e.getMessage());
        assertEquals(-1, t.highestWriteEnd);
    }

    @Test
    void wholeTargetHashIsCheckedUnlessTheCallerVerifiesTheTarget() throws IOException {
        // a header whose target SHA-256 disagrees with the operations (which still tile and check out)
        byte[] lying = delta.clone();
        lying[64] ^= 1; // header: target sha256 starts at byte 64
        java.nio.ByteBuffer.wrap(lying).putInt(PayloadFormat.HEADER_SIZE - 4,
                PayloadFormat.crc32c(lying, 0, PayloadFormat.HEADER_SIZE - 4));
        TargetMismatchException e = assertThrows(TargetMismatchException.class, () ->
                new DeltaDecoder(MemoryTarget.source(v1), new MemoryTarget(v2.length), CheckpointStore.NONE)
                        .apply(new ByteArrayInputStream(lying)));
        assertTrue(e.getMessage().startsWith("target: SHA-256 after the last operation is "
                + TestImages.hex(TestImages.sha256(v2))), e.getMessage());

        // turned off, the result carries the header's hash, which a read-back of the target then refutes
        MemoryTarget t = new MemoryTarget(v2.length);
        ApplyResult r = new DeltaDecoder(MemoryTarget.source(v1), t, CheckpointStore.NONE).verifyWholeTarget(false)
                .apply(new ByteArrayInputStream(lying));
        assertEquals(false, r.wholeTargetHashed());
        assertArrayEquals(v2, t.bytes(v2.length), "every operation was still checked");
        assertTrue(!r.targetSha256Hex().equals(TestImages.hex(TestImages.sha256(t.bytes(v2.length)))));

        ApplyResult ok = new DeltaDecoder(MemoryTarget.source(v1), new MemoryTarget(v2.length), CheckpointStore.NONE)
                .apply(new ByteArrayInputStream(delta));
        assertEquals(true, ok.wholeTargetHashed());
    }

    @Test
    void targetTooSmallFailsBeforeAnyWrite() {
        MemoryTarget t = new MemoryTarget(v2.length - 1);
        TargetMismatchException e = assertThrows(TargetMismatchException.class, () ->
                new DeltaDecoder(MemoryTarget.source(v1), t, CheckpointStore.NONE)
                        .apply(new ByteArrayInputStream(delta)));
        assertEquals("header: target of " + v2.length + " bytes does not fit the " + (v2.length - 1)
                + "-byte target", e.getMessage());
        assertEquals(-1, t.highestWriteEnd);
    }

    @Test
    void identicalImagesGiveATinyDelta() throws IOException {
        byte[] same = Payloads.encode(v1, v1, dir);
        assertTrue(same.length < 2048, "identity delta of " + same.length + " bytes");
        assertArrayEquals(v1, Payloads.apply(v1, same, v1.length));
    }

    @Test
    void targetsShorterAndLongerThanTheSource() throws IOException {
        byte[] shorter = Arrays.copyOf(v2, v2.length / 3 + 17);
        assertArrayEquals(shorter, Payloads.apply(v1, Payloads.encode(v1, shorter, dir), shorter.length));
        byte[] longer = Arrays.copyOf(v2, v2.length * 2 + 5);
        System.arraycopy(v1, 0, longer, v2.length, v1.length);
        assertArrayEquals(longer, Payloads.apply(v1, Payloads.encode(v1, longer, dir), longer.length));
    }

    @Test
    void emptyTarget() throws IOException {
        byte[] empty = Payloads.encode(v1, new byte[0], dir);
        assertEquals(0, Payloads.apply(v1, empty, 0).length);
    }

    @Test
    void refusesAReferenceLargerThanItsLimit() {
        MemoryTarget t = new MemoryTarget(v2.length);
        DeltaException e = assertThrows(DeltaException.class, () ->
                new DeltaDecoder(MemoryTarget.source(v1), t, CheckpointStore.NONE)
                        .limits(new DecoderLimits(1024, 25, 1 << 16)).apply(new ByteArrayInputStream(delta)));
        assertTrue(e.getMessage().startsWith("header: payload needs a "), e.getMessage());
        assertTrue(e.getMessage().endsWith("-byte reference, this decoder allows 1024"), e.getMessage());
        assertEquals(-1, t.highestWriteEnd);
    }
}
