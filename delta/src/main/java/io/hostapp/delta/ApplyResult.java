package io.hostapp.delta;

/**
 * What one call to {@link DeltaDecoder#apply} did.
 *
 * @param header             the payload's header
 * @param firstOperation     the operation this call started at (0 unless resumed from a checkpoint)
 * @param operationsApplied  operations applied by this call
 * @param payloadBytesRead   payload bytes this call read from its stream
 * @param targetSha256Hex    SHA-256 of the whole target (the header's; every operation's output was checked)
 * @param wholeTargetHashed  whether the whole target was also hashed as written and matched the header
 *                           ({@link DeltaDecoder#verifyWholeTarget})
 */
public record ApplyResult(PayloadHeader header, int firstOperation, int operationsApplied, long payloadBytesRead,
                          String targetSha256Hex, boolean wholeTargetHashed) {

    /** Whether this call continued an earlier, interrupted apply. */
    public boolean resumed() {
        return firstOperation > 0;
    }
}
