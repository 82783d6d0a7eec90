package io.hostapp.manifest;

import java.util.Objects;

/**
 * Repository metadata (or a target it describes) failed a check of the TUF client workflow.
 *
 * <p>Every instance names the role whose metadata failed and the {@link Check} that failed, and its
 * message is one line of the form {@code "<role>: <check>: <detail>"}, for example
 * {@code "snapshot: rollback: targets.json version 1 is lower than trusted version 2"}. Subclasses
 * group the checks by attack class so callers and tests can catch what they care about. When one of
 * these is thrown, the trusted metadata (in memory and on disk) is exactly what it was before the
 * failed step.
 */
public class MetadataException extends ManifestException {

    /** The individual checks of the client workflow; {@link #label()} is what the message shows. */
    public enum Check {
        /** not JSON, not the expected shape, or a field of the wrong type or value */
        MALFORMED("malformed"),
        /** {@code _type} is not the role that was requested */
        TYPE("type"),
        /** fewer than threshold distinct authorized keys produced a valid signature */
        THRESHOLD("signature threshold"),
        /** two signatures carry the same key id */
        DUPLICATE_SIGNATURE("duplicate signature"),
        /** an authorized key has a key type or scheme this client does not implement */
        UNSUPPORTED_KEY("unsupported key"),
        /** the version is not the one the referring metadata (or the file name) promised */
        VERSION("version"),
        /** the version is lower than trusted, or a role vanished from snapshot */
        ROLLBACK("rollback"),
        /** the metadata's expiry lies in the past on the client's clock */
        EXPIRED("expired"),
        /** length differs from the signed length */
        LENGTH("length"),
        /** a hash differs from the signed hash, or its algorithm is unknown */
        HASH("hash"),
        /** the server did not deliver the file */
        DOWNLOAD("download"),
        /** the server sent more bytes than the metadata allows */
        SIZE_LIMIT("size limit"),
        /** a delegation is missing, not listed in snapshot, or otherwise unusable */
        DELEGATION("delegation"),
        /** a payload target is for another board, channel or an unsigned downgrade */
        RELEASE("release");

        private final String label;

        Check(String label) {
            this.label = label;
        }

        /** Short human name used in messages. */
        public String label() {
            return label;
        }
    }

    private final String role;
    private final Check check;

    public MetadataException(String role, Check check, String detail) {
        this(role, check, detail, null);
    }

    public MetadataException(String role, Check check, String detail, Throwable cause) {
        super(role + ": " + check.label() + ": " + oneLine(detail), cause);
        this.role = Objects.requireNonNull(role);
        this.check = Objects.requireNonNull(check);
    }

    /** The role (or target path, for target files) whose data failed. */
    public String role() {
        return role;
    }

    /** The check that failed. */
    public Check check() {
        return check;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }
}
