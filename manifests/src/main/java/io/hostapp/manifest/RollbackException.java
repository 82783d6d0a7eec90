package io.hostapp.manifest;

/** A version is lower than the trusted one, or differs from the version the referring metadata signed (rollback, mix-and-match, fast-forward). */
public class RollbackException extends MetadataException {
    public RollbackException(String role, Check check, String detail) {
        super(role, check, detail);
    }

    public RollbackException(String role, Check check, String detail, Throwable cause) {
        super(role, check, detail, cause);
    }
}
