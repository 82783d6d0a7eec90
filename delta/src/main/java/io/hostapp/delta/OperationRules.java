package io.hostapp.delta;

/**
 * The checks an operation header must pass before the decoder acts on it ({@code delta/FORMAT.md},
 * "Rules a decoder enforces"). Together they guarantee that applying the operation writes only inside
 * {@code [0, target length)}, reads only inside {@code [0, source length)} or the target already written,
 * and needs no more memory than {@link DecoderLimits} allows; a delta's source extents read only source
 * chunks that were checked before the first write.
 */
final class OperationRules {
    private OperationRules() {
    }

    /**
     * @param table the delta's source chunk table, or null when the whole source was checked (a resumed
     *              apply) or there is none (a full image)
     */
    static void check(PayloadHeader h, SourceChunkTable table, OperationHeader op, int expectedIndex,
                      long expectedOffset, DecoderLimits limits) throws DeltaException {
        String at = DeltaException.at(expectedIndex, op.kind());
        if (op.index() != expectedIndex) {
            throw new DeltaException(expectedIndex, at + "header says index " + op.index()
                    + " (payload stream out of step)");
        }
        if (op.targetOffset() != expectedOffset) {
            throw new DeltaException(expectedIndex, at + "target offset " + op.targetOffset() + ", expected "
                    + expectedOffset + " (operations must tile the target in order)");
        }
        if (op.targetLength() <= 0) {
            throw new DeltaException(expectedIndex, at + "empty target range");
        }
        if (op.targetEnd() > h.targetLength()) {
            throw new DeltaException(expectedIndex, at + "writes [" + op.targetOffset() + ", " + op.targetEnd()
                    + ") past the target end " + h.targetLength());
        }
        if (h.kind() == PayloadKind.FULL_IMAGE && op.kind().readsSource()) {
            throw new DeltaException(expectedIndex, at + "reads the source, but this is a full-image payload");
        }
        if (op.kind().space() == OpKind.Space.NONE && !op.extents().isEmpty()) {
            throw new DeltaException(expectedIndex, at + "has " + op.extents().size() + " extents, expected none");
        }
        if (op.kind().space() != OpKind.Space.NONE && op.extents().isEmpty()) {
            throw new DeltaException(expectedIndex, at + "has no extents");
        }
        if (op.kind().hasData() != (op.dataLength() > 0)) {
            throw new DeltaException(expectedIndex, at + (op.kind().hasData() ? "has no data"
                    : "carries " + op.dataLength() + " data bytes, expected none"));
        }
        long limit = op.kind().space() == OpKind.Space.TARGET ? op.targetOffset() : h.sourceLength();
        String space = op.kind().space() == OpKind.Space.TARGET ? "the target written so far" : "the source end";
        for (int i = 0; i < op.extents().size(); i++) {
            Extent e = op.extents().get(i);
            if (e.end() > limit) {
                throw new DeltaException(expectedIndex, at + "extent " + i + " " + e + " reads past " + space
                        + " (" + limit + ")");
            }
            long unchecked = table != null && op.kind().space() == OpKind.Space.SOURCE ? table.firstUnmarked(e) : -1;
            if (unchecked >= 0) {
                throw new DeltaException(expectedIndex, at + "extent " + i + " " + e + " reads source chunk "
                        + unchecked + ", which the source chunk table does not mark as read (it was not checked)");
            }
        }
        long extentBytes = op.extentBytes();
        if (op.kind() == OpKind.COPY && extentBytes != op.targetLength()) {
            throw new DeltaException(expectedIndex, at + "copies " + extentBytes + " bytes into a "
                    + op.targetLength() + "-byte target range");
        }
        if (op.kind().hasData() && op.kind().space() != OpKind.Space.NONE) {
            if (extentBytes > h.maxReference()) {
                throw new DeltaException(expectedIndex, at + "reference of " + extentBytes
                        + " bytes exceeds the header's max reference " + h.maxReference());
            }
            if (extentBytes > limits.maxReference()) {
                throw new DeltaException(expectedIndex, at + "reference of " + extentBytes
                        + " bytes exceeds this decoder's limit " + limits.maxReference());
            }
        }
    }
}
