package io.hostapp.manifest;

/** Metadata is not signed by a threshold of distinct authorized keys (arbitrary installation, key compromise below threshold), or carries two signatures with one key id. */
public class SignatureException extends MetadataException {
    public SignatureException(String role, Check check, String detail) {
        super(role, check, detail);
    }

    public SignatureException(String role, Check check, String detail, Throwable cause) {
        super(role, check, detail, cause);
    }
}
