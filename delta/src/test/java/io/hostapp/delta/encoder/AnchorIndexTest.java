package io.hostapp.delta.encoder;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnchorIndexTest {
    @Test
    void indexesAboutOneAnchorPerTwoToTheBitsBytes() {
        byte[] b = new byte[1 << 20];
        new Random(1).nextBytes(b);
        AnchorIndex index = AnchorIndex.build(ImageBytes.of(b), 6);
        assertTrue(index.size() > (1 << 20) / 64 / 2 && index.size() < (1 << 20) / 64 * 2, index.size() + " anchors");
    }

    @Test
    void repetitiveDataKeepsAFewPositionsPerHash() {
        byte[] b = new byte[1 << 20];
        byte[] unit = new byte[512];
        new Random(2).nextBytes(unit);
        for (int i = 0; i < b.length; i += unit.length) {
            System.arraycopy(unit, 0, b, i, unit.length);
        }
        AnchorIndex index = AnchorIndex.build(ImageBytes.of(b), 6);
        assertTrue(index.size() <= 512 * AnchorIndex.MAX_PER_KEY, index.size() + " anchors");
    }

    @Test
    void zerosAreNotIndexed() {
        assertEquals(0, AnchorIndex.build(ImageBytes.of(new byte[1 << 16]), 6).size());
    }
}
