package io.hostapp.delta.encoder;

import io.hostapp.delta.Extent;
import io.hostapp.delta.PayloadFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups the scanner's segments into operations. Long zero runs become ZERO operations; long matches
 * become COPY operations (consecutive ones share one operation, up to {@code maxCopy} bytes); everything
 * else (literals and the short matches and zero runs between them) becomes PATCH operations of at most
 * {@code maxPatch} bytes, closed early when the reference they need would exceed {@code maxReference}. Short matches stay inside patches because a zstd match against the reference
 * costs a few bytes, while splitting a patch costs an operation header (about 100 bytes) on each side.
 */
final class OpPlanner {
    private final long minCopy;
    private final long maxPatch;
    private final long maxCopy;
    private final long maxReference;
    private final boolean copies;
    private final List<PlannedOp> ops = new ArrayList<>();
    private long referenceNeed;

    private Kind openKind;
    private long openStart;
    private long openEnd;
    private final List<Extent> copyExtents = new ArrayList<>();
    private final List<Segment> inner = new ArrayList<>();
    private long lastDisplacement = Long.MIN_VALUE;

    private enum Kind { ZERO, COPY, PATCH }

    /**
     * @param copies false when matches point into the target itself (full images): those can only be
     *               references of patches, never COPY operations
     */
    OpPlanner(long minCopy, long maxPatch, long maxCopy, long maxReference, boolean copies) {
        this.copies = copies;
        this.minCopy = minCopy;
        this.maxPatch = maxPatch;
        this.maxCopy = maxCopy;
        this.maxReference = maxReference;
    }

    /**
     * The reference a patch wants ({@link ReferenceSelector#budget}): the source of every match it holds,
     * plus about twice its literal bytes for the old versions of what changed.
     */
    static long referenceNeed(Segment s) {
        return switch (s.kind()) {
            case MATCH -> s.length();
            case LITERAL -> 2 * s.length();
            case ZERO -> 0;
        };
    }

    List<PlannedOp> plan(List<Segment> segments) {
        for (Segment s : segments) {
            switch (s.kind()) {
                case ZERO -> {
                    if (s.length() >= minCopy) {
                        zero(s);
                    } else {
                        patch(s);
                    }
                }
                case MATCH -> {
                    if (copies && s.length() >= minCopy) {
                        copy(s);
                    } else {
                        patch(s);
                    }
                }
                case LITERAL -> patch(s);
                default -> throw new IllegalStateException();
            }
        }
        close(Long.MIN_VALUE);
        return ops;
    }

    private void zero(Segment s) {
        long t = s.targetOffset();
        long end = s.targetEnd();
        if (openKind != Kind.ZERO) {
            close(Long.MIN_VALUE);
            open(Kind.ZERO, t);
        }
        while (t < end) {
            if (openEnd - openStart >= maxCopy) {
                close(Long.MIN_VALUE);
                open(Kind.ZERO, t);
            }
            long n = Math.min(end - t, maxCopy - (openEnd - openStart));
            openEnd += n;
            t += n;
        }
    }

    private void copy(Segment s) {
        long displacement = s.sourceOffset() - s.targetOffset();
        if (openKind != Kind.COPY) {
            close(displacement);
            open(Kind.COPY, s.targetOffset());
        }
        long t = s.targetOffset();
        long src = s.sourceOffset();
        long left = s.length();
        while (left > 0) {
            if (openEnd - openStart >= maxCopy || copyExtents.size() >= PayloadFormat.MAX_EXTENTS) {
                close(displacement);
                open(Kind.COPY, t);
            }
            long n = Math.min(left, maxCopy - (openEnd - openStart));
            addCopyExtent(src, n);
            openEnd += n;
            t += n;
            src += n;
            left -= n;
        }
        lastDisplacement = displacement;
    }

    private void addCopyExtent(long src, long n) {
        if (!copyExtents.isEmpty()) {
            Extent last = copyExtents.get(copyExtents.size() - 1);
            if (last.end() == src) {
                copyExtents.set(copyExtents.size() - 1, new Extent(last.offset(), last.length() + n));
                return;
            }
        }
        copyExtents.add(new Extent(src, n));
    }

    private void patch(Segment s) {
        if (openKind != Kind.PATCH) {
            close(Long.MIN_VALUE);
            open(Kind.PATCH, s.targetOffset());
        }
        long t = s.targetOffset();
        long end = s.targetEnd();
        while (t < end) {
            // a patch closes when it is long enough, or when its reference would outgrow the budget
            if (openEnd - openStart >= maxPatch || (maxReference > 0 && referenceNeed >= maxReference && openEnd > openStart)) {
                close(Long.MIN_VALUE);
                open(Kind.PATCH, t);
            }
            long n = Math.min(end - t, maxPatch - (openEnd - openStart));
            long src = s.sourceOffset() < 0 ? -1 : s.sourceOffset() + (t - s.targetOffset());
            Segment part = new Segment(s.kind(), t, n, src);
            inner.add(part);
            referenceNeed += referenceNeed(part);
            openEnd += n;
            t += n;
        }
    }

    private void open(Kind kind, long start) {
        openKind = kind;
        openStart = start;
        openEnd = start;
    }

    // Closes the open operation; nextDisplacement is the displacement of the match that follows (for patches).
    private void close(long nextDisplacement) {
        if (openKind == null || openEnd == openStart) {
            openKind = null;
            return;
        }
        switch (openKind) {
            case ZERO -> ops.add(new PlannedOp(PlannedOp.Kind.ZERO, openStart, openEnd - openStart, List.of(),
                    List.of(), List.of()));
            case COPY -> ops.add(new PlannedOp(PlannedOp.Kind.COPY, openStart, openEnd - openStart,
                    List.copyOf(copyExtents), List.of(), List.of()));
            case PATCH -> {
                List<Long> around = new ArrayList<>();
                if (lastDisplacement != Long.MIN_VALUE) {
                    around.add(lastDisplacement);
                }
                if (nextDisplacement != Long.MIN_VALUE && nextDisplacement != lastDisplacement) {
                    around.add(nextDisplacement);
                }
                ops.add(new PlannedOp(PlannedOp.Kind.PATCH, openStart, openEnd - openStart, List.of(),
                        List.copyOf(inner), List.copyOf(around)));
            }
            default -> throw new IllegalStateException();
        }
        copyExtents.clear();
        inner.clear();
        referenceNeed = 0;
        openKind = null;
    }
}
