package io.hostapp.delta.encoder;

import io.hostapp.delta.Extent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceSelectorTest {
    static PlannedOp patch(long offset, List<Segment> inner, List<Long> around) {
        long len = inner.stream().mapToLong(Segment::length).sum();
        return new PlannedOp(PlannedOp.Kind.PATCH, offset, len, List.of(), inner, around);
    }

    @Test
    void matchedSourceComesFirstThenItsNeighbourhood() {
        ReferenceSelector s = new ReferenceSelector(1 << 20, 8192, 4096, false);
        PlannedOp op = patch(0, List.of(Segment.literal(0, 1000), Segment.match(1000, 2000, 500_000)), List.of());
        List<Extent> refs = s.select(op);
        long total = refs.stream().mapToLong(Extent::length).sum();
        assertEquals(8192, total, "the budget is used");
        assertTrue(refs.stream().anyMatch(e -> e.offset() <= 500_000 && e.end() >= 502_000), refs.toString());
    }

    @Test
    void extentsStayInsideTheSourceAndAreMerged() {
        ReferenceSelector s = new ReferenceSelector(10_000, 1 << 20, 1 << 16, false);
        PlannedOp op = patch(9000, List.of(Segment.literal(9000, 500), Segment.match(9500, 400, 9500)), List.of(-9000L));
        List<Extent> refs = s.select(op);
        assertEquals(List.of(new Extent(0, 10_000)), refs);
    }

    @Test
    void againstTheTargetOnlyEarlierBytes() {
        ReferenceSelector s = new ReferenceSelector(0, 1 << 20, 1 << 16, true);
        PlannedOp op = patch(50_000, List.of(Segment.match(50_000, 1000, 10_000), Segment.literal(51_000, 1000)),
                List.of());
        for (Extent e : s.select(op)) {
            assertTrue(e.end() <= 50_000, e.toString());
        }
        assertEquals(List.of(), s.select(patch(0, List.of(Segment.literal(0, 100)), List.of())));
    }
}
