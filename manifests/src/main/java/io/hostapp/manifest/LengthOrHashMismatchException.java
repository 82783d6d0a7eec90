package io.hostapp.manifest;

/** A downloaded file's length or hash differs from what signed metadata says (arbitrary installation, mix-and-match). */
public class LengthOrHashMismatchException extends MetadataException {
    public LengthOrHashMismatchException(String role, Check check, String detail) {
        super(role, check, detail);
    }

    public LengthOrHashMismatchException(String role, Check check, String detail, Throwable cause) {
        super(role, check, detail, cause);
    }
}
