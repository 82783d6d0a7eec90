package io.hostapp.manifest;

/** A payload target is unusable for this device: another board, an unsigned downgrade, or no release in this channel. */
public class ReleaseRejectedException extends MetadataException {
    public ReleaseRejectedException(String role, Check check, String detail) {
        super(role, check, detail);
    }

    public ReleaseRejectedException(String role, Check check, String detail, Throwable cause) {
        super(role, check, detail, cause);
    }
}
