package io.hostapp.manifest.client;

import io.hostapp.manifest.ExpiredMetadataException;
import io.hostapp.manifest.MetadataException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.RollbackException;
import io.hostapp.manifest.metadata.Delegator;
import io.hostapp.manifest.metadata.MetaFile;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.SignatureThreshold;
import io.hostapp.manifest.metadata.Snapshot;
import io.hostapp.manifest.metadata.Targets;
import io.hostapp.manifest.metadata.Timestamp;
import io.hostapp.manifest.metadata.UnverifiedMetadata;
import io.hostapp.manifest.metadata.VerifiedMetadata;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory set of trusted metadata during one client run, and every check of TUF 1.0.x section
 * 5 that decides whether new metadata may join it. Each {@code update*} method either adds the new
 * document or throws and leaves the set as it was (except the documented "intermediate" cases, where
 * a document that is valid but expired is kept only to serve as the rollback baseline for the next
 * one, exactly as the specification and python-tuf do).
 *
 * <p>Order is enforced: root (any number of times) → timestamp → snapshot → targets → delegated
 * targets. Expiry is judged against one reference time fixed at construction.
 */
final class TrustedMetadataSet {

    private final Instant now;
    private Root root;
    private Timestamp timestamp;
    private Snapshot snapshot;
    private final Map<String, Targets> targets = new LinkedHashMap<>();

    /** Loads the locally trusted root; it must be signed by a threshold of its own root keys (expiry not checked). */
    TrustedMetadataSet(byte[] trustedRootBytes, Instant now) throws MetadataException {
        this.now = now;
        UnverifiedMetadata<Root> md = UnverifiedMetadata.parse("root", trustedRootBytes, Root::parse);
        this.root = SignatureThreshold.verify(md, md.untrustedSigned(), "root").signed();
    }

    Root root() {
        return root;
    }

    Optional<Timestamp> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    Optional<Snapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    Optional<Targets> targets(String role) {
        return Optional.ofNullable(targets.get(role));
    }

    /**
     * 5.3: accepts root version N+1 signed by a threshold of the trusted root's keys AND of its own keys.
     * An expired intermediate root is fine; the final root's expiry is checked in {@link #updateTimestamp}.
     */
    Root updateRoot(byte[] data) throws MetadataException {
        if (timestamp != null) {
            throw new IllegalStateException("cannot update root after timestamp");
        }
        UnverifiedMetadata<Root> md = UnverifiedMetadata.parse("root", data, Root::parse);
        VerifiedMetadata<Root> byOld = SignatureThreshold.verify(md, root, "root");
        long expected = root.version() + 1;
        if (byOld.signed().version() != expected) {
            throw new RollbackException("root", Check.VERSION, "expected version " + expected + ", got "
                    + byOld.signed().version());
        }
        SignatureThreshold.verify(md, md.untrustedSigned(), "root");
        root = byOld.signed();
        return root;
    }

    /**
     * 5.4: timestamp signed by root's timestamp keys, not older than the trusted one, and not
     * pointing to an older snapshot. Returns empty when the new timestamp has the SAME version as the
     * trusted one: the caller keeps the trusted one and does not persist the new bytes.
     *
     * @throws ExpiredMetadataException the final root is expired, or the new timestamp is (in which
     *                                  case it is still kept in memory as rollback baseline)
     */
    Optional<Timestamp> updateTimestamp(byte[] data) throws MetadataException {
        if (snapshot != null) {
            throw new IllegalStateException("cannot update timestamp after snapshot");
        }
        if (root.isExpiredAt(now)) {
            throw new ExpiredMetadataException("root", Check.EXPIRED, "final root v" + root.version()
                    + " expired at " + root.expires());
        }
        Timestamp fresh = SignatureThreshold.verify(UnverifiedMetadata.parse("timestamp", data, Timestamp::parse),
                root, "timestamp").signed();
        if (timestamp != null) {
            if (fresh.version() < timestamp.version()) {
                throw new RollbackException("timestamp", Check.ROLLBACK, "version " + fresh.version()
                        + " is lower than trusted version " + timestamp.version());
            }
            if (fresh.version() == timestamp.version()) {
                return Optional.empty();
            }
            long trustedSnapshot = timestamp.snapshotMeta().version();
            if (fresh.snapshotMeta().version() < trustedSnapshot) {
                throw new RollbackException("timestamp", Check.ROLLBACK, "snapshot version "
                        + fresh.snapshotMeta().version() + " is lower than trusted version " + trustedSnapshot);
            }
        }
        timestamp = fresh;
        checkFinalTimestamp();
        return Optional.of(fresh);
    }

    private void checkFinalTimestamp() throws ExpiredMetadataException {
        if (timestamp.isExpiredAt(now)) {
            throw new ExpiredMetadataException("timestamp", Check.EXPIRED, "v" + timestamp.version()
                    + " expired at " + timestamp.expires());
        }
    }

    /**
     * 5.5: snapshot matching timestamp's length/hashes (unless {@code alreadyTrusted}, i.e. read back
     * from the local store), signed by root's snapshot keys, and neither dropping a targets role nor
     * lowering any role's version relative to the trusted snapshot.
     */
    Snapshot updateSnapshot(byte[] data, boolean alreadyTrusted) throws MetadataException {
        if (timestamp == null) {
            throw new IllegalStateException("cannot update snapshot before timestamp");
        }
        if (!targets.isEmpty()) {
            throw new IllegalStateException("cannot update snapshot after targets");
        }
        checkFinalTimestamp();
        MetaFile meta = timestamp.snapshotMeta();
        if (!alreadyTrusted) {
            TargetHashes.verify("snapshot", data, meta.length(), meta.hashes());
        }
        Snapshot fresh = SignatureThreshold.verify(UnverifiedMetadata.parse("snapshot", data, Snapshot::parse),
                root, "snapshot").signed();
        if (snapshot != null) {
            for (Map.Entry<String, MetaFile> e : snapshot.meta().entrySet()) {
                MetaFile now = fresh.meta().get(e.getKey());
                if (now == null) {
                    throw new RollbackException("snapshot", Check.ROLLBACK, e.getKey() + " was removed");
                }
                if (now.version() < e.getValue().version()) {
                    throw new RollbackException("snapshot", Check.ROLLBACK, e.getKey() + " version " + now.version()
                            + " is lower than trusted version " + e.getValue().version());
                }
            }
        }
        snapshot = fresh;
        checkFinalSnapshot();
        return fresh;
    }

    private void checkFinalSnapshot() throws MetadataException {
        if (snapshot.isExpiredAt(now)) {
            throw new ExpiredMetadataException("snapshot", Check.EXPIRED, "v" + snapshot.version()
                    + " expired at " + snapshot.expires());
        }
        long expected = timestamp.snapshotMeta().version();
        if (snapshot.version() != expected) {
            throw new RollbackException("snapshot", Check.VERSION, "timestamp lists version " + expected
                    + ", got " + snapshot.version());
        }
    }

    /** 5.6 / 5.7: targets role {@code role} delegated by trusted {@code delegatorRole}, matching snapshot. */
    Targets updateTargets(byte[] data, String role, String delegatorRole) throws MetadataException {
        if (snapshot == null) {
            throw new IllegalStateException("cannot update targets before snapshot");
        }
        checkFinalSnapshot();
        Delegator delegator = delegatorRole.equals("root") ? root : targets.get(delegatorRole);
        if (delegator == null) {
            throw new IllegalStateException("cannot load " + role + " before its delegator " + delegatorRole);
        }
        MetaFile meta = snapshot.meta().get(role + ".json");
        if (meta == null) {
            throw new MetadataException(role, Check.DELEGATION, "not listed in snapshot");
        }
        TargetHashes.verify(role, data, meta.length(), meta.hashes());
        Targets fresh = SignatureThreshold.verify(UnverifiedMetadata.parse(role, data, Targets::parse),
                delegator, role).signed();
        if (fresh.version() != meta.version()) {
            throw new RollbackException(role, Check.VERSION, "snapshot lists version " + meta.version()
                    + ", got " + fresh.version());
        }
        if (fresh.isExpiredAt(now)) {
            throw new ExpiredMetadataException(role, Check.EXPIRED, "v" + fresh.version() + " expired at "
                    + fresh.expires());
        }
        targets.put(role, fresh);
        return fresh;
    }

    /** Reference time of this run. */
    Instant now() {
        return now;
    }
}
