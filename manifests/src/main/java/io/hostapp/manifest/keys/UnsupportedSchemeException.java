package io.hostapp.manifest.keys;

/** A key's type, scheme or encoded public value is not one this client can verify with. */
public class UnsupportedSchemeException extends Exception {
    public UnsupportedSchemeException(String message) {
        super(message);
    }

    public UnsupportedSchemeException(String message, Throwable cause) {
        super(message, cause);
    }
}
