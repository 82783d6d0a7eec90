package io.hostapp.manifest;

/** A manifest or metadata file is missing, malformed, or says something that does not hold. */
public class ManifestException extends Exception {
    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
