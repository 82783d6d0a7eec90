package io.hostapp.delta.encoder;

import io.hostapp.delta.TestImages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetScannerTest {
    static List<Segment> scan(byte[] src, byte[] tgt) {
        ImageBytes s = ImageBytes.of(src);
        ImageBytes t = ImageBytes.of(tgt);
        return new TargetScanner(s, t, AnchorIndex.build(s, 6), 6, 64, 32 << 10).scan();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void assertTiles(List<Segment> segs, long length) {
        long at = 0;
        for (Segment s : segs) {
            assertEquals(at, s.targetOffset(), "segments tile the target");
            assertTrue(s.length() > 0);
            at = s.targetEnd();
        }
        assertEquals(length, at);
    }

    @Test
    void findsMovedBlocksAnywhereInTheSource() {
        byte[] src = random(64 * 4096, 1);
        byte[] tgt = new byte[16 * 4096];
        System.arraycopy(src, 40 * 4096, tgt, 0, 8 * 4096);    // a moved file
        System.arraycopy(src, 3 * 4096, tgt, 8 * 4096, 8 * 4096); // another one
        List<Segment> segs = scan(src, tgt);
        assertTiles(segs, tgt.length);
        assertEquals(List.of(Segment.match(0, 8 * 4096, 40 * 4096), Segment.match(8 * 4096, 8 * 4096, 3 * 4096)), segs);
    }

    @Test
    void findsDataShiftedByAnOddAmount() {
        // squashfs-like: unchanged data after an insertion sits at an unaligned displacement
        byte[] src = random(32 * 4096, 2);
        byte[] tgt = new byte[src.length + 100];
        System.arraycopy(src, 0, tgt, 0, 5000);
        System.arraycopy(random(100, 3), 0, tgt, 5000, 100);
        System.arraycopy(src, 5000, tgt, 5100, src.length - 5000);
        List<Segment> segs = scan(src, tgt);
        assertTiles(segs, tgt.length);
        long literal = segs.stream().filter(s -> s.kind() == Segment.Kind.LITERAL).mapToLong(Segment::length).sum();
        assertTrue(literal <= 100 + 64, "only the inserted bytes are literal: " + segs);
        assertTrue(segs.stream().anyMatch(s -> s.kind() == Segment.Kind.MATCH && s.sourceOffset() - s.targetOffset() == -100));
    }

    @Test
    void zeroRunsAreTheirOwnSegments() {
        byte[] src = random(16 * 4096, 4);
        byte[] tgt = src.clone();
        java.util.Arrays.fill(tgt, 4 * 4096, 12 * 4096, (byte) 0); // 32 KiB of zeros
        List<Segment> segs = scan(src, tgt);
        assertTiles(segs, tgt.length);
        assertEquals(Segment.zero(4 * 4096, 8 * 4096), segs.get(1));
    }

    @Test
    void newDataIsLiteral() {
        byte[] src = random(16 * 4096, 5);
        byte[] tgt = random(4 * 4096, 6);
        assertEquals(List.of(Segment.literal(0, tgt.length)), scan(src, tgt));
    }

    @Test
    void againstItselfOnlyEarlierBytesQualify() {
        byte[] a = random(8 * 4096, 7);
        byte[] img = new byte[3 * a.length];
        System.arraycopy(a, 0, img, 0, a.length);
        System.arraycopy(random(a.length, 8), 0, img, a.length, a.length);
        System.arraycopy(a, 0, img, 2 * a.length, a.length); // a repeat of the first part
        ImageBytes t = ImageBytes.of(img);
        List<Segment> segs = new TargetScanner(t, t, AnchorIndex.build(t, 6), 6, 64, 32 << 10).scan();
        assertTiles(segs, img.length);
        for (Segment s : segs) {
            if (s.kind() == Segment.Kind.MATCH) {
                assertTrue(s.sourceOffset() + s.length() <= s.targetOffset(), "refers to earlier bytes: " + s);
            }
        }
        assertEquals(Segment.match(2L * a.length, a.length, 0), segs.get(segs.size() - 1));
    }

    @Test
    void syntheticImagesTile() {
        byte[] v1 = TestImages.image(256, 9);
        byte[] v2 = TestImages.nextVersion(v1, 10);
        assertTiles(scan(v1, v2), v2.length);
    }
}
