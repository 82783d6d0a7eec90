package io.hostapp.delta;

import java.io.IOException;

/**
 * Where one operation's output goes: the only path from the decoder to the target. It hands the output to
 * the {@link TargetPipeline}, which writes it strictly inside the operation's target range (which {@link
 * OperationRules} proved lies inside the target), hashes it and checks the operation's SHA-256 on its own
 * threads; it refuses output beyond the stated length, and {@link #finish} output short of it. Buffers
 * come from the pipeline ({@link #buffer}) and are handed over with {@link #accept}, so output is never
 * copied or hashed on the decoding thread.
 */
final class OperationOutput {
    private final OperationHeader op;
    private final TargetPipeline pipeline;
    private long position;

    OperationOutput(OperationHeader op, TargetPipeline pipeline) {
        this.op = op;
        this.pipeline = pipeline;
        this.position = op.targetOffset();
    }

    /** A buffer to fill; pass it to {@link #accept} or {@link #release}. */
    byte[] buffer() throws IOException {
        return pipeline.buffer();
    }

    /** Gives back a buffer that holds no output. */
    void release(byte[] buf) {
        pipeline.release(buf);
    }

    /** Writes {@code buf[0, len)} at the next target position; {@code buf} (from {@link #buffer}) is handed over. */
    void accept(byte[] buf, int len) throws IOException {
        if (len > op.targetEnd() - position) {
            pipeline.release(buf);
            throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind())
                    + "produces more than its " + op.targetLength() + " bytes");
        }
        pipeline.write(buf, len, position);
        position += len;
    }

    /** Writes the whole operation as zeros (a ZERO operation). */
    void acceptZeros() throws IOException {
        pipeline.zeros(op.targetOffset(), op.targetLength());
        position = op.targetEnd();
    }

    /** Bytes still to be produced. */
    long remaining() {
        return op.targetEnd() - position;
    }

    /** Checks the operation produced exactly its length (its SHA-256 is the pipeline's to check). */
    void finish() throws DeltaException {
        if (position != op.targetEnd()) {
            throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind()) + "produced "
                    + (position - op.targetOffset()) + " of " + op.targetLength() + " bytes");
        }
    }
}
