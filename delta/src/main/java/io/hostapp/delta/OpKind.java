package io.hostapp.delta;

/**
 * The kinds of payload operation, with their wire codes (see {@code delta/FORMAT.md}, "Operation kinds").
 * The codes are part of the format: never renumber them.
 */
public enum OpKind {
    /** Writes zero bytes; no extents, no data. */
    ZERO(0, Space.NONE, false),
    /** Copies source extents; no data. */
    COPY(1, Space.SOURCE, false),
    /** Decompresses a zstd frame without a reference. */
    DATA(2, Space.NONE, true),
    /** Decompresses a zstd frame with source extents as its reference. */
    DIFF(3, Space.SOURCE, true),
    /** Decompresses a zstd frame with already-written target extents as its reference. */
    TARGET_DIFF(4, Space.TARGET, true);

    /** Which image an operation's extents address. */
    public enum Space { NONE, SOURCE, TARGET }

    private final int code;
    private final Space space;
    private final boolean hasData;

    OpKind(int code, Space space, boolean hasData) {
        this.code = code;
        this.space = space;
        this.hasData = hasData;
    }

    /** The byte written in the operation header. */
    public int code() {
        return code;
    }

    /** Which image the extents address ({@link Space#NONE}: the operation has no extents). */
    public Space space() {
        return space;
    }

    /** Whether the operation carries a zstd frame. */
    public boolean hasData() {
        return hasData;
    }

    /** Whether the operation reads the source image (and so cannot appear in a full image). */
    public boolean readsSource() {
        return space == Space.SOURCE;
    }

    /** The kind for a wire code, or null if the code is unknown. */
    public static OpKind fromCode(int code) {
        for (OpKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
