package io.hostapp.delta.encoder;

import io.hostapp.delta.Extent;
import io.hostapp.delta.PayloadFormat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks the source extents a PATCH operation is compressed against (its zstd reference), most telling
 * first, until the budget is spent:
 * <ol>
 *   <li>the source bytes the short matches inside the patch came from (certain to be useful);</li>
 *   <li>the neighbourhood of those bytes (the rest of an edited file's old version sits around the parts
 *       that did not change);</li>
 *   <li>the literal bytes' position shifted by the displacement of the matches around them (a file
 *       edited in place: its old bytes sit where its unchanged neighbours came from);</li>
 *   <li>the literal bytes' own position in the source (metadata rewritten in place).</li>
 * </ol>
 * The chosen extents are returned in source order, overlaps merged. For a full image the same choice is
 * made among the target bytes before the operation (TARGET_DIFF).
 */
final class ReferenceSelector {
    private final long sourceLength;
    private final long maxReference;
    private final long margin;
    private final boolean self;

    /**
     * @param self the references are earlier bytes of the target (full images): extents are clipped to
     *             the bytes before the operation, and the same-offset candidate does not exist
     */
    ReferenceSelector(long sourceLength, long maxReference, long margin, boolean self) {
        this.sourceLength = sourceLength;
        this.maxReference = maxReference;
        this.margin = margin;
        this.self = self;
    }

    private record Candidate(int priority, long start, long end) {
    }

    List<Extent> select(PlannedOp op) {
        long available = self ? op.targetOffset() : sourceLength;
        if (available == 0) {
            return List.of();
        }
        List<Candidate> c = new ArrayList<>();
        long lastDisplacement = Long.MIN_VALUE;
        for (Segment s : op.inner()) {
            if (s.kind() == Segment.Kind.MATCH) {
                c.add(new Candidate(0, s.sourceOffset(), s.sourceOffset() + s.length()));
                // nearer neighbourhoods first, for every fragment, then the wider ones
                for (int ring = 1; ring <= 2; ring++) {
                    long m = ring == 1 ? margin / 4 : margin;
                    c.add(new Candidate(ring, s.sourceOffset() - m, s.sourceOffset()));
                    c.add(new Candidate(ring, s.sourceOffset() + s.length(), s.sourceOffset() + s.length() + m));
                }
                lastDisplacement = s.sourceOffset() - s.targetOffset();
            } else if (s.kind() == Segment.Kind.LITERAL) {
                List<Long> ds = new ArrayList<>(op.neighbourDisplacements());
                if (lastDisplacement != Long.MIN_VALUE) {
                    ds.add(0, lastDisplacement);
                }
                for (long d : ds) {
                    c.add(new Candidate(3, s.targetOffset() + d - margin / 4, s.targetEnd() + d + margin / 4));
                }
                if (!self) {
                    c.add(new Candidate(4, s.targetOffset(), s.targetEnd()));
                }
            }
        }
        c.sort(Comparator.comparingInt(Candidate::priority));
        long budget = budget(op);
        TreeMap<Long, Long> chosen = new TreeMap<>(); // start -> end, disjoint
        long total = 0;
        for (Candidate k : c) {
            long start = Math.max(0, k.start());
            long end = Math.min(available, k.end());
            // add the parts of [start, end) not chosen yet, left to right, until the budget is spent
            while (start < end && total < budget) {
                Map.Entry<Long, Long> before = chosen.floorEntry(start);
                if (before != null && before.getValue() > start) {
                    start = before.getValue();
                    continue;
                }
                Long next = chosen.ceilingKey(start);
                long partEnd = Math.min(end, next == null ? Long.MAX_VALUE : next);
                partEnd = Math.min(partEnd, start + (budget - total));
                if (partEnd > start) {
                    chosen.put(start, partEnd);
                    total += partEnd - start;
                }
                start = partEnd;
            }
            if (total >= budget) {
                break;
            }
        }
        return merge(chosen);
    }

    /**
     * Always the whole allowance: measured on the Debian image pair, every extra MiB of neighbourhood
     * made the delta smaller (old versions of edited files lie near the fragments that matched).
     */
    long budget(PlannedOp op) {
        return maxReference;
    }

    private static List<Extent> merge(TreeMap<Long, Long> chosen) {
        List<Extent> out = new ArrayList<>();
        long s = -1;
        long e = -1;
        for (Map.Entry<Long, Long> iv : chosen.entrySet()) {
            if (s >= 0 && iv.getKey() <= e) {
                e = Math.max(e, iv.getValue());
            } else {
                if (s >= 0) {
                    out.add(new Extent(s, e - s));
                }
                s = iv.getKey();
                e = iv.getValue();
            }
        }
        if (s >= 0) {
            out.add(new Extent(s, e - s));
        }
        return out.size() > PayloadFormat.MAX_EXTENTS ? out.subList(0, PayloadFormat.MAX_EXTENTS) : out;
    }
}
