package io.hostapp.delta.encoder;

import io.hostapp.delta.Extent;
import io.hostapp.delta.PayloadFormat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
 * The chosen extents are returned in source order, overlaps merged.
 */
final class ReferenceSelector {
    private final long sourceLength;
    private final long maxReference;
    private final long margin;

    ReferenceSelector(long sourceLength, long maxReference, long margin) {
        this.sourceLength = sourceLength;
        this.maxReference = maxReference;
        this.margin = margin;
    }

    private record Candidate(int priority, long start, long end) {
    }

    List<Extent> select(PlannedOp op) {
        if (sourceLength == 0) {
            return List.of();
        }
        List<Candidate> c = new ArrayList<>();
        long lastDisplacement = Long.MIN_VALUE;
        for (Segment s : op.inner()) {
            if (s.kind() == Segment.Kind.MATCH) {
                c.add(new Candidate(0, s.sourceOffset(), s.sourceOffset() + s.length()));
                c.add(new Candidate(1, s.sourceOffset() - margin, s.sourceOffset() + s.length() + margin));
                lastDisplacement = s.sourceOffset() - s.targetOffset();
            } else if (s.kind() == Segment.Kind.LITERAL) {
                List<Long> ds = new ArrayList<>(op.neighbourDisplacements());
                if (lastDisplacement != Long.MIN_VALUE) {
                    ds.add(0, lastDisplacement);
                }
                for (long d : ds) {
                    c.add(new Candidate(2, s.targetOffset() + d - margin / 4, s.targetEnd() + d + margin / 4));
                }
                c.add(new Candidate(3, s.targetOffset(), s.targetEnd()));
            }
        }
        c.sort(Comparator.comparingInt(Candidate::priority));
        long budget = Math.min(maxReference, 2 * op.length() + (1 << 20));
        List<long[]> chosen = new ArrayList<>();
        long total = 0;
        for (Candidate k : c) {
            long start = Math.max(0, k.start());
            long end = Math.min(sourceLength, k.end());
            for (long[] iv : chosen) {          // keep only the part not chosen yet
                if (iv[0] <= start && start < iv[1]) {
                    start = iv[1];
                }
                if (iv[0] < end && end <= iv[1]) {
                    end = iv[0];
                }
            }
            if (end <= start) {
                continue;
            }
            end = Math.min(end, start + (budget - total));
            chosen.add(new long[] {start, end});
            total += end - start;
            if (total >= budget) {
                break;
            }
        }
        return merge(chosen);
    }

    private static List<Extent> merge(List<long[]> ivs) {
        ivs.sort(Comparator.comparingLong(iv -> iv[0]));
        List<Extent> out = new ArrayList<>();
        long s = -1;
        long e = -1;
        for (long[] iv : ivs) {
            if (s >= 0 && iv[0] <= e) {
                e = Math.max(e, iv[1]);
            } else {
                if (s >= 0) {
                    out.add(new Extent(s, e - s));
                }
                s = iv[0];
                e = iv[1];
            }
        }
        if (s >= 0) {
            out.add(new Extent(s, e - s));
        }
        return out.size() > PayloadFormat.MAX_EXTENTS ? out.subList(0, PayloadFormat.MAX_EXTENTS) : out;
    }
}
