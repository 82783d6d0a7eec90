package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.JsonFields;
import io.hostapp.manifest.keys.VerificationKey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code delegations} of a targets role: keys plus either an ordered list of {@code roles} or
 * {@code succinct_roles} (hash bins, TAP 15), never both.
 */
public record Delegations(Map<String, VerificationKey> keys, List<DelegatedRole> roles,
                          Optional<SuccinctRoles> succinctRoles) {

    /** One delegated role responsible for a target path, in search order. */
    public record Candidate(String name, boolean terminating) {
    }

    public Delegations {
        keys = Map.copyOf(keys);
        roles = List.copyOf(roles);
    }

    static Delegations parse(JsonFields f) throws MalformedMetadataException {
        Map<String, VerificationKey> keys = Root.parseKeys(f.object("keys"));
        boolean hasRoles = f.has("roles");
        boolean hasSuccinct = f.has("succinct_roles");
        if (hasRoles == hasSuccinct) {
            throw f.fail("roles", "exactly one of roles and succinct_roles must be set");
        }
        if (hasSuccinct) {
            return new Delegations(keys, List.of(), Optional.of(SuccinctRoles.parse(f.object("succinct_roles"))));
        }
        JsonNode list = f.require("roles");
        if (!list.isArray()) {
            throw f.fail("roles", "must be a list");
        }
        List<DelegatedRole> roles = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            DelegatedRole r = DelegatedRole.parse(JsonFields.of(f.role(), "delegations.roles[" + i + "]", list.get(i)));
            if (r.name().isEmpty() || Root.TOP_LEVEL_ROLES.contains(r.name())) {
                throw f.fail("roles", "delegated role name '" + r.name() + "' is empty or a top-level role");
            }
            if (!names.add(r.name())) {
                throw f.fail("roles", "delegated role '" + r.name() + "' appears twice");
            }
            roles.add(r);
        }
        return new Delegations(keys, roles, Optional.empty());
    }

    /** Delegated roles responsible for {@code targetPath}, in the order they must be searched. */
    public List<Candidate> rolesFor(String targetPath) {
        if (succinctRoles.isPresent()) {
            // every hash bin is terminating (TAP 15)
            return List.of(new Candidate(succinctRoles.get().roleFor(targetPath), true));
        }
        List<Candidate> out = new ArrayList<>();
        for (DelegatedRole r : roles) {
            if (r.isDelegatedPath(targetPath)) {
                out.add(new Candidate(r.name(), r.terminating()));
            }
        }
        return out;
    }

    Optional<Delegator.RoleKeys> keysFor(String roleName) {
        if (succinctRoles.isPresent()) {
            SuccinctRoles s = succinctRoles.get();
            return s.isDelegatedRole(roleName) ? Optional.of(new Delegator.RoleKeys(keys, s.role())) : Optional.empty();
        }
        for (DelegatedRole r : roles) {
            if (r.name().equals(roleName)) {
                return Optional.of(new Delegator.RoleKeys(keys, r.role()));
            }
        }
        return Optional.empty();
    }
}
