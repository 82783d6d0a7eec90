package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.json.JsonFields;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Targets metadata (top-level {@code targets} or a delegated role): target files and, optionally,
 * delegations to further roles.
 * <pre>{ "_type": "targets", ..., "targets": { path: TargetFile }, "delegations": optional Delegations }</pre>
 */
public record Targets(SignedHeader header, Map<String, TargetFile> targets, Optional<Delegations> delegations,
                      ObjectNode json) implements Signed, Delegator {

    public static final String TYPE = "targets";

    public Targets {
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        json = json.deepCopy();
    }

    public static Targets parse(JsonNode signed, String role) throws MalformedMetadataException {
        JsonFields f = JsonFields.of(role, "signed", signed);
        SignedHeader header = SignedHeader.parse(f, TYPE);
        JsonFields targetsObj = f.object("targets");
        Map<String, TargetFile> targets = new LinkedHashMap<>();
        for (Iterator<String> it = targetsObj.node().fieldNames(); it.hasNext(); ) {
            String path = it.next();
            targets.put(path, TargetFile.parse(path, targetsObj.object(path)));
        }
        Optional<Delegations> delegations = Optional.empty();
        if (f.has("delegations")) {
            delegations = Optional.of(Delegations.parse(f.object("delegations")));
        }
        return new Targets(header, targets, delegations, (ObjectNode) signed);
    }

    /** Builds targets metadata without delegations. */
    public static Targets build(SignedHeader header, Map<String, TargetFile> targets) {
        ObjectNode n = CanonicalJson.mapper().createObjectNode();
        header.writeTo(n);
        ObjectNode t = n.putObject("targets");
        targets.forEach((path, tf) -> t.set(path, tf.toJson()));
        return new Targets(header, targets, Optional.empty(), n);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    @Override
    public Optional<RoleKeys> keysFor(String roleName) {
        return delegations.flatMap(d -> d.keysFor(roleName));
    }

    /** A copy with new header values, keeping every other field. */
    public Targets withHeader(SignedHeader h) {
        ObjectNode n = json();
        h.writeTo(n);
        return new Targets(h, targets, delegations, n);
    }
}
