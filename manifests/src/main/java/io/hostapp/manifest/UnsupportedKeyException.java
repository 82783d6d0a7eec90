package io.hostapp.manifest;

/** A threshold could only be reached with keys whose type or scheme this client does not implement. */
public class UnsupportedKeyException extends SignatureException {
    public UnsupportedKeyException(String role, Check check, String detail) {
        super(role, check, detail);
    }

    public UnsupportedKeyException(String role, Check check, String detail, Throwable cause) {
        super(role, check, detail, cause);
    }
}
