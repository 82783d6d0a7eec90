package io.hostapp.delta;

import java.io.IOException;

/**
 * The stream the payload came from failed (a dropped connection, a disk error): not a fault of the payload
 * itself. The cause is the original exception; the apply can resume from its last checkpoint.
 */
public final class PayloadStreamException extends IOException {
    public PayloadStreamException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
