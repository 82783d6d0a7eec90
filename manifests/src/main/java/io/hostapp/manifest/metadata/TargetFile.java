package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.json.JsonFields;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a targets role's {@code targets}: the target path (its map key) and
 * {@code {"length": bytes, "hashes": {"sha256": hex, ...}, "custom": optional object}}.
 * {@code custom} carries application fields; see {@code io.hostapp.manifest.rollout.PayloadInfo}.
 */
public record TargetFile(String path, long length, Map<String, String> hashes, Optional<ObjectNode> custom) {

    public TargetFile {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0");
        }
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("hashes must not be empty");
        }
        hashes = Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
        custom = custom.map(ObjectNode::deepCopy);
    }

    static TargetFile parse(String path, JsonFields f) throws MalformedMetadataException {
        long length = f.integer("length");
        if (length < 0) {
            throw f.fail("length", "must be >= 0");
        }
        Map<String, String> hashes = f.textMap("hashes");
        if (hashes.isEmpty()) {
            throw f.fail("hashes", "must not be empty");
        }
        Optional<ObjectNode> custom = Optional.empty();
        if (f.has("custom")) {
            JsonNode c = f.require("custom");
            if (!c.isObject()) {
                throw f.fail("custom", "must be an object");
            }
            custom = Optional.of((ObjectNode) c);
        }
        return new TargetFile(path, length, hashes, custom);
    }

    /** The {@code sha256} hash, if listed. */
    public Optional<String> sha256() {
        return Optional.ofNullable(hashes.get("sha256"));
    }

    ObjectNode toJson() {
        ObjectNode n = CanonicalJson.mapper().createObjectNode();
        n.put("length", length);
        ObjectNode h = n.putObject("hashes");
        hashes.forEach(h::put);
        custom.ifPresent(c -> n.set("custom", c.deepCopy()));
        return n;
    }
}
