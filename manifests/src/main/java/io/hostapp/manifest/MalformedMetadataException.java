package io.hostapp.manifest;

/** Metadata is not valid JSON, not canonical-JSON encodable, of the wrong {@code _type}, or a field is missing or invalid. */
public class MalformedMetadataException extends MetadataException {
    public MalformedMetadataException(String role, Check check, String detail) {
        super(role, check, detail);
    }

    public MalformedMetadataException(String role, Check check, String detail, Throwable cause) {
        super(role, check, detail, cause);
    }
}
