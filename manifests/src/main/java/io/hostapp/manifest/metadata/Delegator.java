package io.hostapp.manifest.metadata;

import io.hostapp.manifest.keys.VerificationKey;

import java.util.Map;
import java.util.Optional;

/** Metadata that names the keys of other roles: root (for the top-level roles) and targets (delegations). */
public sealed interface Delegator permits Root, Targets {

    /** The keys and threshold this metadata sets for {@code roleName}, or empty when it does not delegate it. */
    Optional<RoleKeys> keysFor(String roleName);

    /** A role's authorized keys (only those listed in {@code role.keyIds()} count) and threshold. */
    record RoleKeys(Map<String, VerificationKey> keys, Role role) {
    }
}
