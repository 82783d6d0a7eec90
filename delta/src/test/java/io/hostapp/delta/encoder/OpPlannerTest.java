package io.hostapp.delta.encoder;

import io.hostapp.delta.Extent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpPlannerTest {
    static final long K = 1024;

    static List<PlannedOp> plan(List<Segment> segs) {
        return new OpPlanner(64 * K, 256 * K, 1024 * K, 4096 * K, true).plan(segs);
    }

    @Test
    void longRunsBecomeZeroAndCopyOperations() {
        List<PlannedOp> ops = plan(List.of(Segment.zero(0, 128 * K), Segment.match(128 * K, 64 * K, 0),
                Segment.match(192 * K, 64 * K, 64 * K), Segment.match(256 * K, 100 * K, 900 * K)));
        assertEquals(2, ops.size());
        assertEquals(PlannedOp.Kind.ZERO, ops.get(0).kind());
        assertEquals(128 * K, ops.get(0).length());
        assertEquals(PlannedOp.Kind.COPY, ops.get(1).kind());
        assertEquals(List.of(new Extent(0, 128 * K), new Extent(900 * K, 100 * K)), ops.get(1).copyExtents(),
                "contiguous source extents merge");
    }

    @Test
    void shortMatchesStayInsidePatches() {
        List<PlannedOp> ops = plan(List.of(Segment.match(0, 200 * K, 0), Segment.literal(200 * K, 10 * K),
                Segment.match(210 * K, 4 * K, 5000), Segment.literal(214 * K, 10 * K),
                Segment.match(224 * K, 100 * K, 300 * K)));
        assertEquals(3, ops.size());
        PlannedOp patch = ops.get(1);
        assertEquals(PlannedOp.Kind.PATCH, patch.kind());
        assertEquals(200 * K, patch.targetOffset());
        assertEquals(24 * K, patch.length());
        assertEquals(3, patch.inner().size());
        assertEquals(List.of(0L, 300 * K - 224 * K), patch.neighbourDisplacements());
    }

    @Test
    void patchesAndCopiesAreBounded() {
        List<PlannedOp> ops = plan(List.of(Segment.literal(0, 600 * K), Segment.match(600 * K, 2500 * K, 0)));
        assertEquals(List.of(256 * K, 256 * K, 88 * K, 1024 * K, 1024 * K, 452 * K),
                ops.stream().map(PlannedOp::length).toList());
    }

    @Test
    void patchClosesWhenItsReferenceWouldOutgrowTheBudget() {
        List<PlannedOp> ops = new OpPlanner(64 * K, 1024 * K, 1024 * K, 100 * K, true)
                .plan(List.of(Segment.literal(0, 40 * K), Segment.literal(40 * K, 40 * K), Segment.literal(80 * K, 40 * K)));
        assertEquals(List.of(80 * K, 40 * K), ops.stream().map(PlannedOp::length).toList());
    }

    @Test
    void withoutCopiesMatchesGoIntoPatches() {
        List<PlannedOp> ops = new OpPlanner(64 * K, 1024 * K, 1024 * K, 4096 * K, false)
                .plan(List.of(Segment.literal(0, 10 * K), Segment.match(10 * K, 500 * K, 0)));
        assertEquals(1, ops.size());
        assertEquals(PlannedOp.Kind.PATCH, ops.get(0).kind());
    }
}
