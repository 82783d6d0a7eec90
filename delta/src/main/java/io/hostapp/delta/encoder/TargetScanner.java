package io.hostapp.delta.encoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the target into zero runs, matches against the source and literals, in one greedy pass:
 * <ul>
 *   <li>at each 4 KiB boundary: an all-zero block starts a zero run; a block equal to the source at the
 *       previous match's displacement (a file that continues) or at the same offset starts a match;</li>
 *   <li>elsewhere the gear hash rolls over the literal bytes; at each anchor the {@link AnchorIndex} names
 *       source positions with the same 64 bytes, and the longest verified match, extended backwards into
 *       the literal and forwards as far as it goes, wins (moved files, shifted squashfs blocks).</li>
 * </ul>
 * Matches shorter than {@code minMatch} are not taken; a match stops before a zero run of at least
 * {@code minZeroRun} bytes. When the source is the target itself (full images) only earlier bytes
 * qualify, and a match's source part ends where its target part begins.
 */
final class TargetScanner {
    private static final int BLOCK = 4096;

    private final ImageBytes src;
    private final boolean self;
    private final ImageBytes tgt;
    private final AnchorIndex index;
    private final long anchorMask;
    private final int minMatch;
    private final long minZeroRun;
    private final List<Segment> out = new ArrayList<>();
    private final long[] candidates = new long[AnchorIndex.MAX_PER_KEY];
    private long literalStart;
    private long lastDisplacement;

    TargetScanner(ImageBytes src, ImageBytes tgt, AnchorIndex index, int anchorBits, int minMatch,
                  long minZeroRun) {
        this.src = src;
        this.self = src == tgt;
        this.tgt = tgt;
        this.index = index;
        this.anchorMask = GearHash.anchorMask(anchorBits);
        this.minMatch = minMatch;
        this.minZeroRun = Math.max(BLOCK, minZeroRun);
    }

    List<Segment> scan() {
        long len = tgt.length();
        long t = 0;
        long h = 0;
        int warm = 0;
        while (t < len) {
            if ((t & (BLOCK - 1)) == 0) {
                long end = blockStart(t);
                if (end > t) {
                    t = end;
                    h = GearHash.prime(tgt, t);
                    warm = (int) Math.min(t - literalStart, GearHash.WINDOW);
                    continue;
                }
            }
            h = (h << 1) + GearHash.GEAR[tgt.get(t) & 0xff];
            t++;
            if (++warm >= GearHash.WINDOW && (h & anchorMask) == 0 && h != GearHash.ZERO_WINDOW) {
                long end = anchorMatch(t, h);
                if (end > t) {
                    t = end;
                    h = GearHash.prime(tgt, t);
                    warm = 0;
                }
            }
        }
        flushLiteral(len);
        return out;
    }

    // Tries a zero run or a predicted match at block boundary t; returns where the taken segment ends, or t.
    private long blockStart(long t) {
        long len = tgt.length();
        if (t + BLOCK <= len && tgt.isZero(t, BLOCK)) {
            long end = t + BLOCK;
            while (end + BLOCK <= len && tgt.isZero(end, BLOCK)) {
                end += BLOCK;
            }
            flushLiteral(t);
            out.add(Segment.zero(t, end - t));
            literalStart = end;
            return end;
        }
        for (long s : new long[] {t + lastDisplacement, t}) {
            if (s >= 0 && s < src.length() && limit(t, s) >= BLOCK
                    && ImageBytes.matchForward(tgt, t, src, s, BLOCK) >= Math.min(BLOCK, len - t)) {
                return take(t, s);
            }
        }
        return t;
    }

    // At an anchor ending at t, looks up source windows with the same hash and takes the longest match.
    private long anchorMatch(long t, long h) {
        int n = index.lookup(h, candidates);
        long bestStart = -1;
        long bestSrc = -1;
        long bestLen = 0;
        for (int i = 0; i < n; i++) {
            long s = candidates[i];
            long ws = t - GearHash.WINDOW;
            long ss = s - GearHash.WINDOW;
            if (ss < 0 || ws < literalStart || limit(ws, ss) < GearHash.WINDOW) {
                continue;
            }
            long fwd = ImageBytes.matchForward(tgt, ws, src, ss, limit(ws, ss));
            if (fwd < GearHash.WINDOW) {
                continue; // hash collision
            }
            long back = ImageBytes.matchBackward(tgt, ws, src, ss, ws - literalStart);
            if (fwd + back > bestLen) {
                bestLen = fwd + back;
                bestStart = ws - back;
                bestSrc = ss - back;
            }
        }
        if (bestLen < minMatch) {
            return t;
        }
        return take(bestStart, bestSrc);
    }

    // Takes the match at (t, s), extended backwards into the current literal and forwards; returns its end,
    // or -1 if nothing is left of it (it would only have covered a zero block).
    private long take(long t, long s) {
        long back = ImageBytes.matchBackward(tgt, t, src, s, t - literalStart);
        t -= back;
        s -= back;
        long len = extend(t, s);
        if (len == 0) {
            return -1;
        }
        flushLiteral(t);
        out.add(Segment.match(t, len, s));
        lastDisplacement = s - t;
        literalStart = t + len;
        return t + len;
    }

    // Forward length of the match at (t, s), stopping before a long all-zero run in the target: zero runs
    // are cheaper as ZERO operations (no source reads) than as part of a copy. Short zero runs (a sparse
    // block inside a file) stay in the match rather than cut it up.
    private long extend(long t, long s) {
        long len = 0;
        while (true) {
            long blockEnd = ((t + len) | (BLOCK - 1)) + 1;
            long want = blockEnd - (t + len);
            if (want == BLOCK && zeroRunAtLeast(t + len, minZeroRun)) {
                return len;
            }
            want = Math.min(want, limit(t, s) - len);
            if (want <= 0) {
                return len;
            }
            long n = ImageBytes.matchForward(tgt, t + len, src, s + len, want);
            len += n;
            if (n < want) {
                return len;
            }
        }
    }

    // The longest match allowed at (t, s): unbounded against a source; against the target itself, the
    // source part must end where the target part starts (the decoder reads it back, already written).
    private long limit(long t, long s) {
        return self ? t - s : Long.MAX_VALUE;
    }

    private boolean zeroRunAtLeast(long t, long n) {
        if (t + n > tgt.length()) {
            return false;
        }
        for (long p = t; p < t + n; p += BLOCK) {
            if (!tgt.isZero(p, (int) Math.min(BLOCK, t + n - p))) {
                return false;
            }
        }
        return true;
    }

    private void flushLiteral(long end) {
        if (end > literalStart) {
            out.add(Segment.literal(literalStart, end - literalStart));
        }
        literalStart = end;
    }
}
