package io.hostapp.manifest.publish;

import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.SignatureException;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.metadata.Delegator;
import io.hostapp.manifest.metadata.SignedEnvelope;
import io.hostapp.manifest.metadata.Signed;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The private keys available to this publish run, by role. Keys a role's delegator does not
 * authorize are ignored when signing, so passing every key you hold is safe.
 */
public final class RoleSigners {

    private final Map<String, List<SigningKey>> keys = new HashMap<>();

    public static RoleSigners none() {
        return new RoleSigners();
    }

    /** Adds keys for {@code role}; returns this. */
    public RoleSigners with(String role, SigningKey... roleKeys) {
        keys.computeIfAbsent(role, r -> new java.util.ArrayList<>()).addAll(List.of(roleKeys));
        return this;
    }

    public List<SigningKey> forRole(String role) {
        return keys.getOrDefault(role, List.of());
    }

    /**
     * Signs {@code signed} as {@code role} with every available key {@code delegator} authorizes.
     *
     * @throws SignatureException fewer authorized keys are available than the role's threshold
     */
    Map<String, String> sign(Signed signed, Delegator delegator, String role) throws SignatureException {
        Delegator.RoleKeys rk = delegator.keysFor(role).orElseThrow(() ->
                new SignatureException(role, Check.THRESHOLD, "role is not delegated"));
        byte[] payload = SignedEnvelope.payload(signed);
        Map<String, String> sigs = new LinkedHashMap<>();
        for (SigningKey k : forRole(role)) {
            if (rk.role().keyIds().contains(k.keyId()) && !sigs.containsKey(k.keyId())) {
                sigs.put(k.keyId(), k.sign(payload));
            }
        }
        if (sigs.size() < rk.role().threshold()) {
            throw new SignatureException(role, Check.THRESHOLD, "have " + sigs.size() + " of "
                    + rk.role().threshold() + " authorized signing keys for " + signed.type() + " v" + signed.version());
        }
        return sigs;
    }
}
