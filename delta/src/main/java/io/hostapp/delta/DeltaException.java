package io.hostapp.delta;

/**
 * A payload cannot be applied: its header or an operation is malformed, out of bounds or produces the
 * wrong bytes. The message is one line; it names the operation ({@code "operation 17 (COPY): ..."}) when
 * the fault lies in one, or the header otherwise. {@link #operation()} is -1 for header-level faults.
 */
public class DeltaException extends PayloadException {
    private final int operation;

    public DeltaException(String message) {
        this(-1, message, null);
    }

    public DeltaException(int operation, String message) {
        this(operation, message, null);
    }

    public DeltaException(int operation, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
    }

    /** Builds the message prefix for operation {@code index} of kind {@code kind} (kind may be null). */
    public static String at(int index, OpKind kind) {
        return "operation " + index + (kind == null ? "" : " (" + kind + ")") + ": ";
    }

    /** The index of the operation at fault, or -1 if the fault is in the header or the whole payload. */
    public int operation() {
        return operation;
    }
}
