package io.hostapp.boot;

/**
 * A bootloader backend failed: an env could not be read or written, or a value is malformed.
 * Messages are prefixed at each layer so they read like a path to the fault
 * ("uboot backend: env copy 2: CRC mismatch").
 */
public class BootException extends Exception {
    public BootException(String message) {
        super(message);
    }

    public BootException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Returns a new exception whose message is {@code prefix + ": " + this message}, keeping the cause chain. */
    public BootException withPrefix(String prefix) {
        BootException e = new BootException(prefix + ": " + getMessage(), getCause() != null ? getCause() : this);
        return e;
    }
}
