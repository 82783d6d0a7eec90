package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.json.JsonFields;
import io.hostapp.manifest.keys.VerificationKey;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Root metadata: the keys and thresholds of the four top-level roles.
 * <pre>
 * { "_type": "root", "spec_version", "version", "expires",
 *   "consistent_snapshot": bool (optional, default false),
 *   "keys":  { keyid: {"keytype", "scheme", "keyval": {"public"}} },
 *   "roles": { "root"|"timestamp"|"snapshot"|"targets": {"keyids": [...], "threshold": n} } }
 * </pre>
 * Exactly the four top-level roles must be listed.
 */
public record Root(SignedHeader header, boolean consistentSnapshot, Map<String, VerificationKey> keys,
                   Map<String, Role> roles, ObjectNode json) implements Signed, Delegator {

    public static final String TYPE = "root";
    /** The four top-level role names. */
    public static final Set<String> TOP_LEVEL_ROLES = Set.of("root", "timestamp", "snapshot", "targets");

    public Root {
        keys = Map.copyOf(keys);
        roles = Map.copyOf(roles);
        json = json.deepCopy();
    }

    /** Parses the {@code signed} object of root metadata. */
    public static Root parse(JsonNode signed, String role) throws MalformedMetadataException {
        JsonFields f = JsonFields.of(role, "signed", signed);
        SignedHeader header = SignedHeader.parse(f, TYPE);
        boolean consistent = f.has("consistent_snapshot") && f.bool("consistent_snapshot");
        Map<String, VerificationKey> keys = parseKeys(f.object("keys"));
        JsonFields rolesObj = f.object("roles");
        Map<String, Role> roles = new LinkedHashMap<>();
        for (Iterator<String> it = rolesObj.node().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            roles.put(name, Role.parse(rolesObj.object(name)));
        }
        if (!roles.keySet().equals(TOP_LEVEL_ROLES)) {
            throw f.fail("roles", "must list exactly root, timestamp, snapshot and targets, got " + roles.keySet());
        }
        return new Root(header, consistent, keys, roles, (ObjectNode) signed);
    }

    static Map<String, VerificationKey> parseKeys(JsonFields keysObj) throws MalformedMetadataException {
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = keysObj.node().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            keys.put(e.getKey(), VerificationKey.fromJson(keysObj.role(), e.getKey(), e.getValue()));
        }
        return keys;
    }

    /** Builds a new root document. */
    public static Root build(SignedHeader header, boolean consistentSnapshot, Map<String, VerificationKey> keys,
                             Map<String, Role> roles) {
        ObjectNode n = CanonicalJson.mapper().createObjectNode();
        header.writeTo(n);
        n.put("consistent_snapshot", consistentSnapshot);
        ObjectNode k = n.putObject("keys");
        keys.forEach((id, key) -> k.set(id, key.json()));
        ObjectNode r = n.putObject("roles");
        for (String name : List.of("root", "timestamp", "snapshot", "targets")) {
            Role role = roles.get(name);
            if (role == null) {
                throw new IllegalArgumentException("root must define role " + name);
            }
            ObjectNode rn = r.putObject(name);
            rn.putArray("keyids").addAll(role.keyIds().stream().map(n::textNode).toList());
            rn.put("threshold", role.threshold());
        }
        return new Root(header, consistentSnapshot, keys, roles, n);
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
        Role r = roles.get(roleName);
        return r == null ? Optional.empty() : Optional.of(new RoleKeys(keys, r));
    }

    /** A copy with new header values, keeping every other field. */
    public Root withHeader(SignedHeader h) {
        ObjectNode n = json();
        h.writeTo(n);
        return new Root(h, consistentSnapshot, keys, roles, n);
    }
}
