package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.json.JsonFields;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What timestamp says about snapshot, and snapshot about each targets role:
 * {@code {"version": n, "length": optional bytes, "hashes": optional {"sha256": hex}}}.
 */
public record MetaFile(long version, OptionalLong length, Map<String, String> hashes) {

    public MetaFile {
        hashes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
    }

    public static MetaFile ofVersion(long version) {
        return new MetaFile(version, OptionalLong.empty(), Map.of());
    }

    static MetaFile parse(JsonFields f) throws MalformedMetadataException {
        long version = f.positive("version");
        OptionalLong length = OptionalLong.empty();
        if (f.has("length")) {
            long l = f.integer("length");
            if (l < 0) {
                throw f.fail("length", "must be >= 0");
            }
            length = OptionalLong.of(l);
        }
        Map<String, String> hashes = Map.of();
        if (f.has("hashes")) {
            hashes = f.textMap("hashes");
            if (hashes.isEmpty()) {
                throw f.fail("hashes", "must not be empty");
            }
        }
        return new MetaFile(version, length, hashes);
    }

    ObjectNode toJson() {
        ObjectNode n = CanonicalJson.mapper().createObjectNode();
        n.put("version", version);
        length.ifPresent(l -> n.put("length", l));
        if (!hashes.isEmpty()) {
            ObjectNode h = n.putObject("hashes");
            hashes.forEach(h::put);
        }
        return n;
    }
}
