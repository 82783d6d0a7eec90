package io.hostapp.delta;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Where one operation's output goes: the only path from the decoder to the target. It hashes the output
 * for the operation's SHA-256 check, hands it to the {@link TargetPipeline} to be written strictly inside
 * the operation's target range (which {@link OperationRules} proved lies inside the target), and refuses
 * output beyond the stated length. Buffers come from the pipeline ({@link #buffer}) and are handed over
 * with {@link #accept}, so output is never copied on the decoding thread.
 */
final class OperationOutput {
    private final OperationHeader op;
    private final TargetPipeline pipeline;
    private final MessageDigest opDigest;
    private long position;
    private byte[] zeroDigest;

    OperationOutput(OperationHeader op, TargetPipeline pipeline) {
        this.op = op;
        this.pipeline = pipeline;
        this.opDigest = Digests.sha256();
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
        opDigest.update(buf, 0, len);
        pipeline.write(buf, len, position);
        position += len;
    }

    /** Writes the whole operation as zeros (a ZERO operation); its hash comes from {@link ZeroDigests}. */
    void acceptZeros() throws IOException {
        long n = op.targetLength();
        pipeline.zeros(op.targetOffset(), n);
        zeroDigest = ZeroDigests.of(n);
        position = op.targetEnd();
    }

    /** Bytes still to be produced. */
    long remaining() {
        return op.targetEnd() - position;
    }

    /** Checks the operation produced exactly its length and its stated SHA-256. */
    void finish() throws DeltaException {
        if (position != op.targetEnd()) {
            throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind()) + "produced "
                    + (position - op.targetOffset()) + " of " + op.targetLength() + " bytes");
        }
        byte[] got = zeroDigest != null ? zeroDigest : opDigest.digest();
        if (!Arrays.equals(got, op.sha256())) {
            throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind())
                    + "output SHA-256 mismatch: expected " + PayloadFormat.hex(op.sha256()) + ", got "
                    + PayloadFormat.hex(got));
        }
    }
}
