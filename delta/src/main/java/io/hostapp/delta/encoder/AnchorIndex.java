package io.hostapp.delta.encoder;

/**
 * Source positions by anchor hash (see {@link GearHash}): an open-addressing table of (hash, position)
 * pairs, at most {@link #MAX_PER_KEY} positions per hash so repetitive data cannot make lookups slow.
 * The position stored is the end of the 64-byte window the hash covers.
 */
final class AnchorIndex {
    static final int MAX_PER_KEY = 4;
    private static final long PHI = 0x9E3779B97F4A7C15L;

    private final long[] keys;
    private final long[] positions; // position + 1; 0 marks an empty slot
    private final int shift;
    private final int mask;
    private int size;

    private AnchorIndex(int capacityLog) {
        keys = new long[1 << capacityLog];
        positions = new long[1 << capacityLog];
        shift = 64 - capacityLog;
        mask = (1 << capacityLog) - 1;
    }

    /**
     * Indexes every anchor of {@code src} with {@code anchorBits} (one anchor per 2^bits bytes on average),
     * skipping all-zero 4 KiB blocks.
     */
    static AnchorIndex build(ImageBytes src, int anchorBits) {
        long expected = Math.max(1024, src.length() >>> anchorBits); // zero blocks are skipped: rarely full
        int log = Math.min(30, 64 - Long.numberOfLeadingZeros(expected));
        AnchorIndex index = new AnchorIndex(log);
        long anchorMask = GearHash.anchorMask(anchorBits);
        long h = 0;
        int warm = 0;
        long len = src.length();
        long pos = 0;
        while (pos < len) {
            if ((pos & 4095) == 0 && pos + 4096 <= len && src.isZero(pos, 4096)) {
                pos += 4096;
                warm = 0;
                h = 0;
                continue;
            }
            long blockEnd = Math.min(len, (pos | 4095) + 1);
            for (; pos < blockEnd; pos++) {
                h = (h << 1) + GearHash.GEAR[src.get(pos) & 0xff];
                if (++warm >= GearHash.WINDOW && (h & anchorMask) == 0 && h != GearHash.ZERO_WINDOW) {
                    index.add(h, pos + 1);
                }
            }
        }
        return index;
    }

    int size() {
        return size;
    }

    /** Table memory in bytes. */
    long bytes() {
        return (long) keys.length * 16;
    }

    private void add(long key, long position) {
        if (size >= (keys.length >>> 1) + (keys.length >>> 2)) {
            return; // table 75% full: drop further anchors rather than degrade every probe
        }
        int i = (int) ((key * PHI) >>> shift);
        int same = 0;
        while (positions[i] != 0) {
            if (keys[i] == key && ++same >= MAX_PER_KEY) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        positions[i] = position + 1;
        size++;
    }

    /** Fills {@code out} with up to {@link #MAX_PER_KEY} positions for {@code key}; returns how many. */
    int lookup(long key, long[] out) {
        int i = (int) ((key * PHI) >>> shift);
        int n = 0;
        while (positions[i] != 0 && n < out.length) {
            if (keys[i] == key) {
                out[n++] = positions[i] - 1;
            }
            i = (i + 1) & mask;
        }
        return n;
    }
}
