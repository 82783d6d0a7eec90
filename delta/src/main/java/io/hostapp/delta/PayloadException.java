package io.hostapp.delta;

import java.io.IOException;

/** A payload is malformed: bad magic, a corrupt compressed stream, data beyond a stated length. */
public class PayloadException extends IOException {
    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
