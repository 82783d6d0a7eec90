package io.hostapp.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Where one operation's output goes: the only path from the decoder to the target. It writes strictly
 * inside the operation's target range (which {@link OperationRules} proved lies inside the target), hashes
 * what it writes for the operation's SHA-256 check, hands it to the whole-target {@link TargetHasher},
 * and refuses output beyond the stated length.
 */
final class OperationOutput {
    private final OperationHeader op;
    private final TargetWriter target;
    private final TargetHasher whole;
    private final MessageDigest opDigest;
    private long position;
    private byte[] zeroDigest;

    OperationOutput(OperationHeader op, TargetWriter target, TargetHasher whole) {
        this.op = op;
        this.target = target;
        this.whole = whole;
        this.opDigest = Digests.sha256();
        this.position = op.targetOffset();
    }

    /** Writes {@code len} bytes of {@code buf} at the next target position. */
    void accept(byte[] buf, int off, int len) throws IOException {
        if (len > op.targetEnd() - position) {
            throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind())
                    + "produces more than its " + op.targetLength() + " bytes");
        }
        opDigest.update(buf, off, len);
        target.write(ByteBuffer.wrap(buf, off, len), position);
        whole.feed(buf, off, len);
        position += len;
    }

    /** Writes the whole operation as zeros (a ZERO operation); its hash comes from {@link ZeroDigests}. */
    void acceptZeros() throws IOException {
        long n = op.targetLength();
        target.writeZeros(op.targetOffset(), n);
        whole.feedZeros(n);
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
