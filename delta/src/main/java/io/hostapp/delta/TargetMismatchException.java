package io.hostapp.delta;

/**
 * The payload does not produce the expected target: its header names another target length or SHA-256
 * than the signed metadata promised, the target slot is too small for it, or the bytes it produced do not
 * hash to its stated target SHA-256.
 */
public class TargetMismatchException extends DeltaException {
    public TargetMismatchException(String message) {
        super(message);
    }

    public TargetMismatchException(int operation, String message) {
        super(operation, message);
    }
}
