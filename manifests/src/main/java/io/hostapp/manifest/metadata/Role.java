package io.hostapp.manifest.metadata;

import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.JsonFields;

import java.util.List;

/** Which keys may sign a role and how many distinct ones must: {@code {"keyids": [...], "threshold": n}}. */
public record Role(List<String> keyIds, int threshold) {

    public Role {
        keyIds = List.copyOf(keyIds);
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
    }

    static Role parse(JsonFields f) throws MalformedMetadataException {
        List<String> ids = f.textList("keyids", true);
        long t = f.integer("threshold");
        if (t < 1 || t > Integer.MAX_VALUE) {
            throw f.fail("threshold", "must be at least 1, got " + t);
        }
        return new Role(ids, (int) t);
    }
}
