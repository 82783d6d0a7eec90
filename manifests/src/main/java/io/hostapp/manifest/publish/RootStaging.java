package io.hostapp.manifest.publish;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.MetadataException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.SignatureException;
import io.hostapp.manifest.client.AtomicFiles;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.keys.UnsupportedSchemeException;
import io.hostapp.manifest.keys.VerificationKey;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.SignatureThreshold;
import io.hostapp.manifest.metadata.SignedEnvelope;
import io.hostapp.manifest.metadata.UnverifiedMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The next root version while it collects signatures, kept in {@code staging/root.json} as an ordinary
 * metadata envelope. This is what makes offline root keys work: export {@link #payload()} (the exact
 * bytes to sign), sign them on the offline machine, and {@link #addSignature import} the hex signature.
 * A root version N+1 is publishable once it carries a threshold of signatures of the root keys of
 * version N AND of its own root keys (version 1: its own only).
 */
final class RootStaging {

    private final RepositoryLayout layout;

    RootStaging(RepositoryLayout layout) {
        this.layout = layout;
    }

    Optional<UnverifiedMetadata<Root>> load() throws ManifestException {
        try {
            if (!Files.exists(layout.stagedRoot())) {
                return Optional.empty();
            }
            return Optional.of(UnverifiedMetadata.parse("root", Files.readAllBytes(layout.stagedRoot()), Root::parse));
        } catch (IOException e) {
            throw new ManifestException("staged root: cannot read: " + e.getMessage(), e);
        }
    }

    /** Stages {@code next} with no signatures (replacing any staged root). */
    void stage(Root next) throws ManifestException {
        write(next, Map.of());
    }

    byte[] payload() throws ManifestException {
        return require().signedBytes();
    }

    /**
     * Adds a signature after checking it verifies with a key of the staged or the current root.
     *
     * @throws SignatureException the key is not a root key of either version, or the signature is wrong
     */
    void addSignature(String keyId, String signatureHex, Optional<Root> current) throws ManifestException {
        UnverifiedMetadata<Root> staged = require();
        VerificationKey key = rootKey(staged.untrustedSigned(), keyId)
                .or(() -> current.flatMap(c -> rootKey(c, keyId)))
                .orElseThrow(() -> new SignatureException("root", Check.THRESHOLD, "key " + keyId
                        + " is not a root key of the staged or the current root"));
        boolean ok;
        try {
            ok = key.verify(staged.signedBytes(), signatureHex);
        } catch (UnsupportedSchemeException e) {
            throw new SignatureException("root", Check.UNSUPPORTED_KEY, e.getMessage());
        }
        if (!ok) {
            throw new SignatureException("root", Check.THRESHOLD, "signature by key " + key.shortId()
                    + " does not verify over the staged root v" + staged.untrustedSigned().version());
        }
        Map<String, String> sigs = new LinkedHashMap<>(staged.signatures());
        sigs.put(keyId, signatureHex.toLowerCase(java.util.Locale.ROOT));
        write(staged.untrustedSigned(), sigs);
    }

    /** Signs with every given key that is a root key of the staged or current root. */
    void signWith(Iterable<SigningKey> keys, Optional<Root> current) throws ManifestException {
        for (SigningKey k : keys) {
            UnverifiedMetadata<Root> staged = require();
            boolean authorized = rootKey(staged.untrustedSigned(), k.keyId()).isPresent()
                    || current.flatMap(c -> rootKey(c, k.keyId())).isPresent();
            if (authorized && !staged.signatures().containsKey(k.keyId())) {
                addSignature(k.keyId(), k.sign(staged.signedBytes()), current);
            }
        }
    }

    /** Checks both thresholds; returns the envelope bytes to publish. */
    byte[] verifiedBytes(Optional<Root> current) throws MetadataException, ManifestException {
        UnverifiedMetadata<Root> staged = require();
        if (current.isPresent()) {
            SignatureThreshold.verify(staged, current.get(), "root");
        }
        SignatureThreshold.verify(staged, staged.untrustedSigned(), "root");
        return staged.bytes();
    }

    void clear() throws ManifestException {
        try {
            Files.deleteIfExists(layout.stagedRoot());
        } catch (IOException e) {
            throw new ManifestException("staged root: cannot remove: " + e.getMessage(), e);
        }
    }

    private UnverifiedMetadata<Root> require() throws ManifestException {
        return load().orElseThrow(() -> new ManifestException("root: no root version is staged"));
    }

    private void write(Root root, Map<String, String> sigs) throws ManifestException {
        try {
            AtomicFiles.write(layout.stagedRoot(), SignedEnvelope.toBytes(root, sigs));
        } catch (IOException e) {
            throw new ManifestException("staged root: cannot write: " + e.getMessage(), e);
        }
    }

    private static Optional<VerificationKey> rootKey(Root r, String keyId) {
        return r.roles().get("root").keyIds().contains(keyId) ? Optional.ofNullable(r.keys().get(keyId)) : Optional.empty();
    }
}
