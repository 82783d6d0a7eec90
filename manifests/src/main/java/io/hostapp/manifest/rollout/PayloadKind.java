package io.hostapp.manifest.rollout;

/** What a payload target contains: a whole image, or a delta that turns release {@code from} into the image. */
public enum PayloadKind {
    FULL("full"),
    DELTA("delta");

    private final String json;

    PayloadKind(String json) {
        this.json = json;
    }

    /** The value of the {@code kind} field. */
    public String json() {
        return json;
    }

    static PayloadKind fromJson(String s) {
        for (PayloadKind k : values()) {
            if (k.json.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind must be \"full\" or \"delta\", got \"" + s + "\"");
    }
}
