package io.hostapp.manifest.metadata;

import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.SignatureException;
import io.hostapp.manifest.UnsupportedKeyException;
import io.hostapp.manifest.keys.UnsupportedSchemeException;
import io.hostapp.manifest.keys.VerificationKey;

import java.util.ArrayList;
import java.util.List;

/**
 * The signature check of TUF: metadata for a role is trusted when at least {@code threshold}
 * DISTINCT key ids authorized for the role by its delegator each made a valid signature over the
 * canonical {@code signed} bytes. Signatures by unknown keys, or invalid ones, are ignored (they do
 * not fail the document) as long as the threshold is reached.
 */
public final class SignatureThreshold {

    private SignatureThreshold() {
    }

    /**
     * Verifies {@code md} as role {@code roleName} delegated by {@code delegator}.
     *
     * @throws SignatureException      the delegator does not delegate the role, or the threshold is not met
     * @throws UnsupportedKeyException the threshold could only be met with keys of unsupported type or scheme
     */
    public static <T extends Signed> VerifiedMetadata<T> verify(UnverifiedMetadata<T> md, Delegator delegator,
                                                                String roleName) throws SignatureException {
        Delegator.RoleKeys rk = delegator.keysFor(roleName).orElseThrow(() -> new SignatureException(md.role(),
                Check.THRESHOLD, "role '" + roleName + "' is not delegated by " + delegatorName(delegator)));
        int valid = 0;
        List<String> unsupported = new ArrayList<>();
        // Role.keyIds() is unique (the parser rejects repeats), so each key counts at most once
        for (String keyId : rk.role().keyIds()) {
            VerificationKey key = rk.keys().get(keyId);
            String sig = md.signatures().get(keyId);
            if (key == null || sig == null) {
                continue;
            }
            try {
                if (key.verify(md.signedBytes(), sig)) {
                    valid++;
                }
            } catch (UnsupportedSchemeException e) {
                unsupported.add(e.getMessage());
            }
        }
        int threshold = rk.role().threshold();
        if (valid < threshold) {
            String detail = valid + " of " + threshold + " required signatures from distinct authorized keys";
            if (!unsupported.isEmpty() && valid + unsupported.size() >= threshold) {
                throw new UnsupportedKeyException(md.role(), Check.UNSUPPORTED_KEY, detail + "; " + String.join("; ", unsupported));
            }
            throw new SignatureException(md.role(), Check.THRESHOLD, detail);
        }
        return new VerifiedMetadata<>(md.role(), md.bytes(), md.untrustedSigned());
    }

    private static String delegatorName(Delegator d) {
        return d instanceof Root ? "root" : "its delegating targets role";
    }
}
