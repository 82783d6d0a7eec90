package io.hostapp.delta;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link PayloadHeader#parse}: the source chunk log and digest of format version 2. */
class PayloadHeaderTest {
    static final byte[] SHA = filled(0x11);
    static final byte[] DIGEST = filled(0x44);

    static byte[] filled(int b) {
        byte[] a = new byte[32];
        Arrays.fill(a, (byte) b);
        return a;
    }

    static PayloadHeader delta(int chunkLog, byte[] digest) {
        return new PayloadHeader(PayloadKind.DELTA, 4096, 5000, SHA, 6000, SHA, 2, 0, 0, chunkLog, digest);
    }

    static PayloadHeader full(long sourceLength, int chunkLog, byte[] digest) {
        return new PayloadHeader(PayloadKind.FULL_IMAGE, 4096, sourceLength, new byte[32], 6000, SHA, 2, 0, 0,
                chunkLog, digest);
    }

    static String refused(PayloadHeader h) {
        return assertThrows(DeltaException.class, () -> PayloadHeader.parse(h.toBytes())).getMessage();
    }

    @Test
    void deltaRoundTripsWithEveryChunkLogOfTheFormat() throws DeltaException {
        for (int log = SourceDigest.MIN_CHUNK_LOG; log <= SourceDigest.MAX_CHUNK_LOG; log++) {
            PayloadHeader h = PayloadHeader.parse(delta(log, DIGEST).toBytes());
            assertEquals(log, h.sourceChunkLog());
            assertArrayEquals(DIGEST, h.sourceDigest());
            assertArrayEquals(SHA, h.sourceSha256());
            assertEquals(delta(log, DIGEST), h);
        }
    }

    @Test
    void deltaChunkLogOutOfRange() {
        assertEquals("header: source chunk log 19 out of range (20..30)", refused(delta(19, DIGEST)));
        assertEquals("header: source chunk log 31 out of range (20..30)", refused(delta(31, DIGEST)));
        assertEquals("header: source chunk log 0 out of range (20..30)", refused(delta(0, DIGEST)));
        assertEquals("header: source chunk log 4294967295 out of range (20..30)", refused(delta(-1, DIGEST)));
    }

    @Test
    void fullImageHasNoSourceDigest() throws DeltaException {
        PayloadHeader ok = PayloadHeader.parse(full(0, 0, new byte[32]).toBytes());
        assertEquals(0, ok.sourceChunkLog());
        assertArrayEquals(new byte[32], ok.sourceDigest());
        assertEquals("header: full image with a source (length 0, source chunk log 24)",
                refused(full(0, 24, new byte[32])));
        assertEquals("header: full image with a source (length 0, source chunk log 0)", refused(full(0, 0, DIGEST)));
        assertEquals("header: full image with a source (length 5, source chunk log 0)",
                refused(full(5, 0, new byte[32])));
    }

    @Test
    void earlierVersionsAreRefused() {
        for (int v = 1; v < PayloadFormat.VERSION; v++) {
            byte[] b = delta(24, DIGEST).toBytes();
            b[9] = (byte) v;
            assertEquals("header: unsupported version " + v + " (this decoder reads " + PayloadFormat.VERSION + ")",
                    assertThrows(DeltaException.class, () -> PayloadHeader.parse(b)).getMessage());
        }
    }

    @Test
    void theDigestIsCopiedInAndOut() {
        byte[] d = DIGEST.clone();
        PayloadHeader h = delta(24, d);
        d[0] = 0;
        h.sourceDigest()[1] = 0;
        assertArrayEquals(DIGEST, h.sourceDigest());
        assertEquals(TestImages.hex(DIGEST), h.sourceDigestHex());
        assertThrows(IllegalArgumentException.class, () -> delta(24, new byte[31]));
    }
}
