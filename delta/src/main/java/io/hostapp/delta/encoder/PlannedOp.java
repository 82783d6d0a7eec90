package io.hostapp.delta.encoder;

import io.hostapp.delta.Extent;

import java.util.List;

/**
 * One operation as the {@link OpPlanner} decided it, before compression: a zero run, a copy of source
 * extents, or a patch (bytes the {@link OpCompressor} encodes with zstd, against a reference the
 * {@link ReferenceSelector} picks from the segments inside it and the displacements of the copies around it).
 *
 * @param kind          ZERO, COPY or PATCH
 * @param targetOffset  first target byte
 * @param length        target bytes
 * @param copyExtents   source extents of a COPY
 * @param inner         the scanner's segments inside a PATCH
 * @param neighbourDisplacements source-minus-target displacements of the matches just before and after a
 *                      PATCH (where an edited file's old bytes most likely sit)
 */
record PlannedOp(Kind kind, long targetOffset, long length, List<Extent> copyExtents, List<Segment> inner,
                 List<Long> neighbourDisplacements) {
    enum Kind { ZERO, COPY, PATCH }

    long targetEnd() {
        return targetOffset + length;
    }
}
