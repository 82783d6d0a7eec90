package io.hostapp.manifest;

/** Metadata has expired on the client's clock (indefinite freeze). */
public class ExpiredMetadataException extends MetadataException {
    public ExpiredMetadataException(String role, Check check, String detail) {
        super(role, check, detail);
    }

    public ExpiredMetadataException(String role, Check check, String detail, Throwable cause) {
        super(role, check, detail, cause);
    }
}
