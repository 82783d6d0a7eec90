package io.hostapp.delta;

/** Whether a payload transforms a source image (delta) or carries the whole target (full image). */
public enum PayloadKind {
    DELTA(0), FULL_IMAGE(1);

    private final int code;

    PayloadKind(int code) {
        this.code = code;
    }

    /** The header's payload-kind field. */
    public int code() {
        return code;
    }

    /** The kind for a header code, or null if unknown. */
    public static PayloadKind fromCode(int code) {
        for (PayloadKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
