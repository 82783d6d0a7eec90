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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input: every fault is a one-line {@link DeltaException} naming the operation, and nothing is
 * written outside the target or read outside the source (the {@link MemoryTarget} and its source reader
 * throw if asked to).
 */
class BadPayloadTest {
    @TempDir
    static Path dir;
    static byte[] v1;
    static byte[] v2;
    static byte[] delta;

    @BeforeAll
    static void encode() throws IOException {
        v1 = TestImages.image(256, 11);
        v2 = TestImages.nextVersion(v1, 12);
        delta = Payloads.encode(v1, v2, dir);
    }

    static DeltaException fails(byte[] source, byte[] payload, int targetCapacity) {
        MemoryTarget t = new MemoryTarget(targetCapacity);
        DeltaException e = assertThrows(DeltaException.class, () ->
                new DeltaDecoder(source == null ? SourceReader.EMPTY : MemoryTarget.source(source), t,
                        CheckpointStore.NONE).apply(new ByteArrayInputStream(payload)));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void truncatedAnywhere() {
        int ops = opsStart(delta);
        for (int cut : new int[] {0, 7, 50, 112, PayloadFormat.HEADER_SIZE - 1, PayloadFormat.HEADER_SIZE,
            PayloadFormat.HEADER_SIZE + 1, ops - 1, ops, ops + 1, ops + 50, delta.length / 3, delta.length / 2,
            delta.length - 1}) {
            DeltaException e = fails(v1, Arrays.copyOf(delta, cut), v2.length);
            assertTrue(e.getMessage().contains("truncated"), cut + ": " + e.getMessage());
            if (cut >= PayloadFormat.HEADER_SIZE && cut < ops) {
                assertEquals("source chunk table: truncated payload: stream ended at payload offset " + cut,
                        e.getMessage());
            } else if (cut >= ops) {
                assertTrue(e.getMessage().matches("operation \\d+.*: truncated payload: stream ended in the "
                        + "operation (header|data).*"), e.getMessage());
                assertTrue(e.operation() >= 0);
            } else {
                assertTrue(e.getMessage().startsWith("header: "), e.getMessage());
            }
        }
    }

    @Test
    void corruptOperationHeader() {
        byte[] bad = delta.clone();
        bad[opsStart(delta) + 9] ^= 0x40; // operation 0's target offset
        assertEquals("operation 0: header CRC-32C mismatch (corrupt operation)", fails(v1, bad, v2.length).getMessage());
    }

    @Test
    void corruptOperationData() throws IOException {
        // flip a byte in the middle of the first zstd frame: zstd or the output hash must catch it
        PayloadInfo info = PayloadInfo.read(new ByteArrayInputStream(delta));
        assertTrue(info.dataBytesByKind().values().stream().mapToLong(Long::longValue).sum() > 0);
        int at = firstDataOffset(delta);
        byte[] bad = delta.clone();
        bad[at + 20] ^= 0x5a;
        DeltaException e = fails(v1, bad, v2.length);
        assertTrue(e.getMessage().matches("operation \\d+ \\((DATA|DIFF)\\): (corrupt zstd frame|output SHA-256 mismatch|"
                + "produce).*"), e.getMessage());
    }

    static void fixHeaderCrc(byte[] payload) {
        int at = PayloadFormat.HEADER_SIZE - 4;
        java.nio.ByteBuffer.wrap(payload).putInt(at, PayloadFormat.crc32c(payload, 0, at));
    }

    /** Where operation 0's header starts: after the header and the source chunk table. */
    static int opsStart(byte[] payload) {
        try {
            PayloadHeader h = PayloadHeader.parse(Arrays.copyOf(payload, PayloadFormat.HEADER_SIZE));
            return PayloadFormat.HEADER_SIZE + (int) SourceChunkTable.size(h);
        } catch (DeltaException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void corruptSourceChunkTable() {
        int table = PayloadFormat.HEADER_SIZE;
        byte[] bad = delta.clone();
        bad[table + 3] ^= 0x01; // a chunk digest byte (the read bits take the first byte)
        assertEquals("source chunk table: CRC-32C mismatch (corrupt table)", fails(v1, bad, v2.length).getMessage());
        fixTableCrc(bad);
        DeltaException e = fails(v1, bad, v2.length);
        assertTrue(e.getMessage().startsWith("source chunk table: chunk digests make "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", the header's source digest is "
                + TestImages.hex(TestImages.sourceDigest(v1, SourceDigest.DEFAULT_CHUNK_LOG))), e.getMessage());
        byte[] bits = delta.clone();
        bits[table] |= (byte) 0x80; // v1 is one chunk: bit 7 lies past it
        fixTableCrc(bits);
        assertEquals("source chunk table: read bits set past the last of 1 chunks",
                fails(v1, bits, v2.length).getMessage());
    }

    static void fixTableCrc(byte[] payload) {
        int end = opsStart(payload) - 4;
        java.nio.ByteBuffer.wrap(payload).putInt(end, PayloadFormat.crc32c(payload, PayloadFormat.HEADER_SIZE,
                end - PayloadFormat.HEADER_SIZE));
    }

    @Test
    void operationReadingAnUncheckedChunk() throws IOException {
        byte[] src = TestImages.image(2 * 256, 8); // two 1 MiB chunks
        byte[] target = Arrays.copyOfRange(src, (1 << 20) - 4096, (1 << 20) + 4096);
        Payloads.Builder b = new Payloads.Builder(src, target);
        b.sourceChunkLog = SourceDigest.MIN_CHUNK_LOG;
        b.op(OpKind.COPY, 8192, List.of(new Extent((1 << 20) - 4096, 8192)), new byte[0]);
        SourceChunkTable t = SourceChunkTable.of(src.length, SourceDigest.MIN_CHUNK_LOG,
                TestImages.chunkSums(src, SourceDigest.MIN_CHUNK_LOG));
        t.markRead(new Extent(0, 1)); // chunk 0 only: the copy also reads chunk 1
        byte[] payload = PayloadWriter.toBytes(b.header(), t, b.ops, b.data);
        MemoryTarget out = new MemoryTarget(target.length);
        DeltaException e = assertThrows(DeltaException.class, () ->
                new DeltaDecoder(MemoryTarget.source(src), out, CheckpointStore.NONE)
                        .apply(new ByteArrayInputStream(payload)));
        assertEquals("operation 0 (COPY): extent 0 [" + ((1 << 20) - 4096) + "+8192] reads source chunk 1, which the"
                + " source chunk table does not mark as read (it was not checked)", e.getMessage());
        assertEquals(-1, out.highestWriteEnd);
        assertArrayEquals(target, Payloads.apply(src, b.build(), target.length)); // both chunks marked
    }

    static int firstDataOffset(byte[] payload) {
        int pos = opsStart(payload);
        while (true) {
            int n = OperationHeader.extentCount(Arrays.copyOfRange(payload, pos, pos + 4));
            int size = OperationHeader.sizeFor(n);
            long dataLen = java.nio.ByteBuffer.wrap(payload).getInt(pos + size - 40) & 0xffffffffL;
            if (dataLen > 64) {
                return pos + size;
            }
            pos += size + (int) dataLen;
        }
    }

    @Test
    void operationWritingPastTheTarget() {
        byte[] target = new byte[8192];
        Payloads.Builder b = new Payloads.Builder(v1, target);
        b.raw(new OperationHeader(OpKind.ZERO, 0, 0, 8192 + 4096, List.of(), 0, new byte[32]), new byte[0]);
        MemoryTarget t = new MemoryTarget(1 << 20);
        DeltaException e = assertThrows(DeltaException.class, () ->
                new DeltaDecoder(MemoryTarget.source(v1), t, CheckpointStore.NONE)
                        .apply(new ByteArrayInputStream(b.build())));
        assertEquals("operation 0 (ZERO): writes [0, 12288) past the target end 8192", e.getMessage());
        assertEquals(-1, t.highestWriteEnd);
    }

    @Test
    void operationReadingPastTheSource() {
        byte[] target = Arrays.copyOf(v1, 8192);
        Payloads.Builder b = new Payloads.Builder(v1, target);
        b.op(OpKind.COPY, 4096, List.of(new Extent(0, 4096)), new byte[0]);
        b.op(OpKind.COPY, 4096, List.of(new Extent(v1.length - 2048, 4096)), new byte[0]);
        DeltaException e = fails(v1, b.build(), target.length);
        assertEquals("operation 1 (COPY): extent 0 [" + (v1.length - 2048) + "+4096] reads past the source end ("
                + v1.length + ")", e.getMessage());
        assertEquals(1, e.operation());
    }

    @Test
    void referenceReadingPastTheSource() {
        byte[] target = Arrays.copyOf(v1, 4096);
        Payloads.Builder b = new Payloads.Builder(v1, target);
        b.op(OpKind.DIFF, 4096, List.of(new Extent(v1.length, 1)), Payloads.zstd(target, new byte[1]));
        assertEquals("operation 0 (DIFF): extent 0 [" + v1.length + "+1] reads past the source end (" + v1.length
                + ")", fails(v1, b.build(), target.length).getMessage());
    }

    @Test
    void targetReferenceMustLieInTheWrittenPart() {
        byte[] target = new byte[8192];
        Payloads.Builder b = new Payloads.Builder(null, target);
        b.op(OpKind.ZERO, 4096, List.of(), new byte[0]);
        b.op(OpKind.TARGET_DIFF, 4096, List.of(new Extent(2048, 4096)), Payloads.zstd(new byte[4096], null));
        assertEquals("operation 1 (TARGET_DIFF): extent 0 [2048+4096] reads past the target written so far (4096)",
                fails(null, b.build(), target.length).getMessage());
    }

    @Test
    void fullImageMayNotReadTheSource() {
        byte[] target = new byte[4096];
        Payloads.Builder b = new Payloads.Builder(null, target);
        b.op(OpKind.COPY, 4096, List.of(new Extent(0, 4096)), new byte[0]);
        assertEquals("operation 0 (COPY): reads the source, but this is a full-image payload",
                fails(null, b.build(), target.length).getMessage());
    }

    @Test
    void operationsMustTileTheTarget() {
        byte[] target = new byte[8192];
        Payloads.Builder b = new Payloads.Builder(null, target);
        b.op(OpKind.ZERO, 4096, List.of(), new byte[0]);
        b.raw(new OperationHeader(OpKind.ZERO, 1, 5000, 3192, List.of(), 0, new byte[32]), new byte[0]);
        assertEquals("operation 1 (ZERO): target offset 5000, expected 4096 (operations must tile the target in order)",
                fails(null, b.build(), target.length).getMessage());
    }

    @Test
    void operationOutputHashIsChecked() {
        byte[] target = new byte[4096];
        Payloads.Builder b = new Payloads.Builder(null, target);
        byte[] wrong = new byte[4096];
        wrong[0] = 1;
        b.op(OpKind.DATA, 4096, List.of(), Payloads.zstd(wrong, null));
        DeltaException e = fails(null, b.build(), target.length);
        assertTrue(e.getMessage().startsWith("operation 0 (DATA): output SHA-256 mismatch: expected "), e.getMessage());
    }

    @Test
    void frameProducingTooMuchIsStopped() {
        byte[] target = new byte[4096];
        Payloads.Builder b = new Payloads.Builder(null, target);
        b.raw(new OperationHeader(OpKind.DATA, 0, 0, 4096, List.of(), Payloads.zstd(new byte[9000], null).length,
                TestImages.sha256(target)), Payloads.zstd(new byte[9000], null));
        assertEquals("operation 0 (DATA): produces more than its 4096 bytes",
                fails(null, b.build(), 1 << 20).getMessage());
    }

    @Test
    void copyLengthMustMatch() {
        byte[] target = Arrays.copyOf(v1, 4096);
        Payloads.Builder b = new Payloads.Builder(v1, target);
        b.raw(new OperationHeader(OpKind.COPY, 0, 0, 4096, List.of(new Extent(0, 100)), 0, new byte[32]), new byte[0]);
        assertEquals("operation 0 (COPY): copies 100 bytes into a 4096-byte target range",
                fails(v1, b.build(), 4096).getMessage());
    }

    @Test
    void unknownKindAndTrailingBytes() {
        byte[] target = new byte[4096];
        Payloads.Builder b = new Payloads.Builder(null, target);
        b.op(OpKind.ZERO, 4096, List.of(), new byte[0]);
        byte[] ok = b.build();
        byte[] trailing = Arrays.copyOf(ok, ok.length + 3);
        assertTrue(fails(null, trailing, 4096).getMessage().startsWith("payload: trailing bytes after the last operation"));
        byte[] kind = ok.clone();
        kind[PayloadFormat.HEADER_SIZE] = 9;
        // the CRC catches it first; a kind unknown to this version with a valid CRC is named as such
        assertEquals("operation 0: header CRC-32C mismatch (corrupt operation)", fails(null, kind, 4096).getMessage());
    }

    @Test
    void badHeaders() {
        byte[] magic = delta.clone();
        magic[0] = 'X';
        assertEquals("header: bad magic (not a hostapp payload)", fails(v1, magic, v2.length).getMessage());
        byte[] crc = delta.clone();
        crc[60] ^= 1;
        assertEquals("header: CRC-32C mismatch (corrupt header)", fails(v1, crc, v2.length).getMessage());
        byte[] version = delta.clone();
        version[9] = 1; // version 1 (112-byte header, plain source SHA-256) is not read any more
        assertEquals("header: unsupported version 1 (this decoder reads " + PayloadFormat.VERSION + ")", fails(v1, version, v2.length).getMessage());
        byte[] chunkLog = delta.clone();
        chunkLog[111] = 19;
        fixHeaderCrc(chunkLog);
        assertEquals("header: source chunk log 19 out of range (20..30)", fails(v1, chunkLog, v2.length).getMessage());
    }
}
