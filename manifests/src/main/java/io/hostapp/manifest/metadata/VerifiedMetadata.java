package io.hostapp.manifest.metadata;

/**
 * Metadata whose {@code signed} part has been verified against a threshold of keys of its delegator
 * ({@link SignatureThreshold#verify}, the only place that creates one). Signature verification is
 * all this type promises: version, expiry and snapshot consistency are checked by the client
 * workflow that holds it.
 */
public final class VerifiedMetadata<T extends Signed> {

    private final String role;
    private final byte[] bytes;
    private final T signed;

    VerifiedMetadata(String role, byte[] bytes, T signed) {
        this.role = role;
        this.bytes = bytes.clone();
        this.signed = signed;
    }

    public String role() {
        return role;
    }

    /** The document exactly as received, to persist unchanged. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The verified {@code signed} object. */
    public T signed() {
        return signed;
    }
}
