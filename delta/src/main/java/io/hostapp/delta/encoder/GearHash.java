package io.hostapp.delta.encoder;

import java.util.SplittableRandom;

/**
 * The gear rolling hash (as in FastCDC): {@code h = (h << 1) + GEAR[byte]}. After 64 bytes the oldest
 * byte has shifted out, so {@code h} depends on exactly the last 64 bytes, with no subtraction step.
 * Positions where the top {@code bits} bits are zero are <em>anchors</em>: chosen by content, not by
 * offset, so the same bytes give the same anchors in the source and the target wherever they sit.
 */
final class GearHash {
    /** Bytes a hash value depends on. */
    static final int WINDOW = 64;
    static final long[] GEAR = new long[256];

    static {
        SplittableRandom r = new SplittableRandom(0x4841504444454c54L); // fixed: anchors must be reproducible
        for (int i = 0; i < 256; i++) {
            GEAR[i] = r.nextLong();
        }
    }

    /** The hash of 64 zero bytes: windows of zeros are never anchors (zero runs have their own operation). */
    static final long ZERO_WINDOW;

    static {
        long h = 0;
        for (int i = 0; i < WINDOW; i++) {
            h = (h << 1) + GEAR[0];
        }
        ZERO_WINDOW = h;
    }

    private GearHash() {
    }

    /** The mask whose zero test picks one position in {@code 2^bits} on average. */
    static long anchorMask(int bits) {
        return bits == 0 ? 0 : -1L << (64 - bits);
    }

    /** The hash of the 64 bytes ending just before {@code end} (or fewer, from 0, near the start). */
    static long prime(ImageBytes img, long end) {
        long h = 0;
        for (long p = Math.max(0, end - WINDOW); p < end; p++) {
            h = (h << 1) + GEAR[img.get(p) & 0xff];
        }
        return h;
    }
}
