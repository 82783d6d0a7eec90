package io.hostapp.delta;

/**
 * The source image is not the one the delta was made from (length or SHA-256 differ). Raised before
 * anything is written to the target. The updater answers it by fetching the full image instead: a
 * locally modified active slot must never brick an update.
 */
public class SourceMismatchException extends DeltaException {
    public SourceMismatchException(String message) {
        super(message);
    }
}
