package io.hostapp.manifest.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.client.AtomicFiles;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.keys.VerificationKey;
import io.hostapp.manifest.metadata.MetaFile;
import io.hostapp.manifest.metadata.Role;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.SignedEnvelope;
import io.hostapp.manifest.metadata.SignedHeader;
import io.hostapp.manifest.metadata.Snapshot;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.metadata.Targets;
import io.hostapp.manifest.metadata.Timestamp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The publisher side of a repository: keeps the tree described in {@link RepositoryLayout}, stages
 * target and root changes, and signs and writes new metadata versions. This is the library behind the
 * {@code hostapp-repo} CLI:
 * <pre>
 * init     RepositoryPublisher.create(dir, Map.of("root", new RoleKeys(rootKeys, 2), ...), clock, ExpiryPolicy.defaults())
 *          then publish(signers) (root v1 must reach its own threshold, see below)
 * add      addTarget(path, imageFile, custom)            (staged until publish)
 * rollout  setCustom(path, custom)                       (see io.hostapp.manifest.rollout.Rollouts)
 * publish  publish(signers)   root (if staged) → N+1.targets → N+1.snapshot → timestamp, all re-signed
 * timestamp refreshTimestamp(signers)                    (cron: re-sign timestamp only)
 * rotate   rotateKeys(role, newKeys, threshold)          (stages root N+1; sign it, then publish)
 * offline  rootSigningPayload() → sign elsewhere → addRootSignature(keyId, hexSig)
 * verify   TreeVerifier.verify(dir, trustedRoot, clock)
 * </pre>
 * Every publish checks all thresholds and computes every document before it writes the first file,
 * so a missing key changes nothing. Files are written in the order root, targets, snapshot, timestamp
 * (timestamp.json last, atomically), so a client polling mid-publish still sees a consistent tree.
 * Not safe for concurrent publishers on one directory.
 */
public final class RepositoryPublisher {

    /** Keys and threshold for one top-level role in {@link #create}. */
    public record RoleKeys(List<VerificationKey> keys, int threshold) {
    }

    /** Versions written by a publish. */
    public record PublishResult(long rootVersion, long targetsVersion, long snapshotVersion, long timestampVersion) {
    }

    private final RepositoryLayout layout;
    private final Clock clock;
    private final ExpiryPolicy expiry;
    private final RootStaging rootStaging;
    private final PublishedState published;

    private RepositoryPublisher(RepositoryLayout layout, Clock clock, ExpiryPolicy expiry) throws ManifestException {
        this.layout = layout;
        this.clock = clock;
        this.expiry = expiry;
        this.rootStaging = new RootStaging(layout);
        this.published = PublishedState.read(layout);
    }

    /** Opens an existing repository directory. */
    public static RepositoryPublisher open(Path repoDir, Clock clock, ExpiryPolicy expiry) throws ManifestException {
        return new RepositoryPublisher(new RepositoryLayout(repoDir), clock, expiry);
    }

    /**
     * Starts a new repository: stages root v1 (consistent snapshots on) with {@code roles} for all four
     * top-level roles, and an empty targets list. Nothing is published until {@link #publish}.
     */
    public static RepositoryPublisher create(Path repoDir, Map<String, RoleKeys> roles, Clock clock, ExpiryPolicy expiry)
            throws ManifestException {
        RepositoryLayout layout = new RepositoryLayout(repoDir);
        try {
            if (layout.newestRootVersion().isPresent() || Files.exists(layout.stagedRoot())) {
                throw new ManifestException("repository " + repoDir + ": already initialized");
            }
            Files.createDirectories(layout.metadataDir());
            Files.createDirectories(layout.targetsDir());
        } catch (IOException e) {
            throw new ManifestException("repository " + repoDir + ": " + e.getMessage(), e);
        }
        RepositoryPublisher p = new RepositoryPublisher(layout, clock, expiry);
        p.rootStaging.stage(p.buildRoot(1, roles));
        p.writeStagedTargets(Map.of());
        return p;
    }

    public RepositoryLayout layout() {
        return layout;
    }

    /** The newest published root, if any. */
    public Optional<Root> publishedRoot() {
        return published.root();
    }

    /** The staged root if one is waiting for signatures, else the published one. */
    public Root workingRoot() throws ManifestException {
        Optional<Root> staged = rootStaging.load().map(u -> u.untrustedSigned());
        return staged.or(published::root).orElseThrow(() -> new ManifestException("repository " + layout.root()
                + ": not initialized"));
    }

    /** Targets as the next publish will sign them (staged changes included). */
    public Map<String, TargetFile> targets() throws ManifestException {
        return workingTargets();
    }

    /**
     * Copies {@code file} into the targets directory under its SHA-256-prefixed name and stages it as
     * target {@code path} with {@code custom}.
     */
    public TargetFile addTarget(String path, Path file, Optional<ObjectNode> custom) throws ManifestException {
        TargetFile t = storeTargetFile(path, file, custom);
        putTarget(t);
        return t;
    }

    /** Stages a target entry whose file is already in place (or hosted elsewhere). */
    public void putTarget(TargetFile target) throws ManifestException {
        Map<String, TargetFile> t = new LinkedHashMap<>(workingTargets());
        t.put(target.path(), target);
        writeStagedTargets(t);
    }

    /** Replaces the {@code custom} object of an existing target. */
    public TargetFile setCustom(String path, ObjectNode custom) throws ManifestException {
        TargetFile old = Optional.ofNullable(workingTargets().get(path))
                .orElseThrow(() -> new ManifestException("target " + path + ": not in targets"));
        TargetFile t = new TargetFile(path, old.length(), old.hashes(), Optional.of(custom));
        putTarget(t);
        return t;
    }

    /** Stages removal of a target (its file stays: older snapshots may still reference it). */
    public boolean removeTarget(String path) throws ManifestException {
        Map<String, TargetFile> t = new LinkedHashMap<>(workingTargets());
        boolean removed = t.remove(path) != null;
        writeStagedTargets(t);
        return removed;
    }

    /**
     * Stages root N+1 in which {@code role} is signed by {@code keys} with {@code threshold} (the
     * other roles unchanged). For {@code role = "root"} this is a root rotation: N+1 must then be
     * signed by a threshold of the OLD root keys and of the NEW ones before {@link #publish} takes it.
     */
    public Root rotateKeys(String role, List<VerificationKey> keys, int threshold) throws ManifestException {
        if (!Root.TOP_LEVEL_ROLES.contains(role)) {
            throw new IllegalArgumentException("not a top-level role: " + role);
        }
        Root base = workingRoot();
        Map<String, RoleKeys> roles = new LinkedHashMap<>();
        for (String r : Root.TOP_LEVEL_ROLES) {
            Role old = base.roles().get(r);
            roles.put(r, new RoleKeys(old.keyIds().stream().map(id -> base.keys().get(id)).toList(), old.threshold()));
        }
        roles.put(role, new RoleKeys(keys, threshold));
        Root next = buildRoot(nextRootVersion(), roles);
        rootStaging.stage(next);
        return next;
    }

    /** Stages root N+1 identical to the current one but with a fresh expiry (roots must be renewed yearly). */
    public Root renewRoot() throws ManifestException {
        Root base = workingRoot();
        Root next = base.withHeader(base.header().withVersion(nextRootVersion())
                .withExpires(clock.instant().plus(expiry.root())));
        rootStaging.stage(next);
        return next;
    }

    /** The exact bytes an offline root key must sign: canonical JSON of the staged root's {@code signed}. */
    public byte[] rootSigningPayload() throws ManifestException {
        return rootStaging.payload();
    }

    /** Imports a detached hex signature over {@link #rootSigningPayload()}; it must verify. */
    public void addRootSignature(String keyId, String signatureHex) throws ManifestException {
        rootStaging.addSignature(keyId, signatureHex, published.root());
    }

    /** Signs the staged root with an online root key. */
    public void signRoot(SigningKey key) throws ManifestException {
        rootStaging.signWith(List.of(key), published.root());
    }

    /**
     * Publishes: the staged root (after signing it with any root keys in {@code signers} and checking
     * both thresholds), then new versions of targets, snapshot and timestamp signed with
     * {@code signers}' keys for those roles.
     */
    public PublishResult publish(RoleSigners signers) throws ManifestException {
        byte[] rootBytes = null;
        Root root;
        if (rootStaging.load().isPresent()) {
            rootStaging.signWith(signers.forRole("root"), published.root());
            rootBytes = rootStaging.verifiedBytes(published.root());
            root = rootStaging.load().orElseThrow().untrustedSigned();
        } else {
            root = published.root().orElseThrow(() -> new ManifestException("repository " + layout.root()
                    + ": no root to publish"));
        }
        long targetsVersion = published.targets().map(Targets::version).orElse(0L) + 1;
        Targets targets = Targets.build(header("targets", targetsVersion), workingTargets());
        byte[] targetsBytes = SignedEnvelope.toBytes(targets, signers.sign(targets, root, "targets"));

        long snapshotVersion = published.snapshot().map(Snapshot::version).orElse(0L) + 1;
        Snapshot snapshot = Snapshot.build(header("snapshot", snapshotVersion),
                Map.of("targets.json", metaFile(targetsVersion, targetsBytes)));
        byte[] snapshotBytes = SignedEnvelope.toBytes(snapshot, signers.sign(snapshot, root, "snapshot"));

        long timestampVersion = published.timestamp().map(Timestamp::version).orElse(0L) + 1;
        Timestamp ts = Timestamp.build(header("timestamp", timestampVersion), metaFile(snapshotVersion, snapshotBytes));
        byte[] tsBytes = SignedEnvelope.toBytes(ts, signers.sign(ts, root, "timestamp"));

        if (rootBytes != null) {
            write(layout.versionedMetadata(root.version(), "root"), rootBytes);
            write(layout.latestRootFile(), rootBytes);
            rootStaging.clear();
        }
        write(layout.versionedMetadata(targetsVersion, "targets"), targetsBytes);
        write(layout.versionedMetadata(snapshotVersion, "snapshot"), snapshotBytes);
        write(layout.timestampFile(), tsBytes);
        deleteStagedTargets();
        published.update(root, targets, snapshot, ts);
        return new PublishResult(root.version(), targetsVersion, snapshotVersion, timestampVersion);
    }

    /** Re-signs only timestamp: version + 1, same snapshot, fresh expiry (for a cron job). */
    public PublishResult refreshTimestamp(RoleSigners signers) throws ManifestException {
        Root root = published.root().orElseThrow(() -> new ManifestException("repository: nothing published"));
        Timestamp old = published.timestamp().orElseThrow(() -> new ManifestException("repository: nothing published"));
        Timestamp ts = Timestamp.build(header("timestamp", old.version() + 1), old.snapshotMeta());
        write(layout.timestampFile(), SignedEnvelope.toBytes(ts, signers.sign(ts, root, "timestamp")));
        published.update(root, published.targets().orElseThrow(), published.snapshot().orElseThrow(), ts);
        return new PublishResult(root.version(), published.targets().get().version(),
                published.snapshot().get().version(), ts.version());
    }

    private long nextRootVersion() throws ManifestException {
        Optional<Root> staged = rootStaging.load().map(u -> u.untrustedSigned());
        if (staged.isPresent()) {
            return staged.get().version();
        }
        return published.root().map(Root::version).orElse(0L) + 1;
    }

    private Root buildRoot(long version, Map<String, RoleKeys> roles) {
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        Map<String, Role> roleMap = new LinkedHashMap<>();
        for (String r : List.of("root", "timestamp", "snapshot", "targets")) {
            RoleKeys rk = roles.get(r);
            if (rk == null) {
                throw new IllegalArgumentException("keys for role " + r + " are required");
            }
            if (rk.threshold() < 1 || rk.threshold() > rk.keys().size()) {
                throw new IllegalArgumentException(r + ": threshold " + rk.threshold() + " needs 1.." + rk.keys().size());
            }
            rk.keys().forEach(k -> keys.put(k.keyId(), k));
            roleMap.put(r, new Role(rk.keys().stream().map(VerificationKey::keyId).distinct().toList(), rk.threshold()));
        }
        return Root.build(header("root", version), true, keys, roleMap);
    }

    private SignedHeader header(String type, long version) {
        return new SignedHeader(type, SignedHeader.SPEC_VERSION, version, clock.instant()
                .plus(expiry.forRole(type)).truncatedTo(ChronoUnit.SECONDS));
    }

    private static MetaFile metaFile(long version, byte[] bytes) {
        return new MetaFile(version, OptionalLong.of(bytes.length), Map.of("sha256", sha256(bytes)));
    }

    private Map<String, TargetFile> workingTargets() throws ManifestException {
        try {
            if (Files.exists(layout.stagedTargets())) {
                byte[] b = Files.readAllBytes(layout.stagedTargets());
                return Targets.parse(CanonicalJson.parse(b), "targets").targets();
            }
        } catch (IOException e) {
            throw new ManifestException("staged targets: cannot read: " + e.getMessage(), e);
        }
        return published.targets().map(Targets::targets).orElse(Map.of());
    }

    private void writeStagedTargets(Map<String, TargetFile> targets) throws ManifestException {
        Targets t = Targets.build(header("targets", 1), targets);
        try {
            AtomicFiles.write(layout.stagedTargets(), CanonicalJson.mapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsBytes(t.json()));
        } catch (IOException e) {
            throw new ManifestException("staged targets: cannot write: " + e.getMessage(), e);
        }
    }

    private void deleteStagedTargets() throws ManifestException {
        try {
            Files.deleteIfExists(layout.stagedTargets());
        } catch (IOException e) {
            throw new ManifestException("staged targets: cannot remove: " + e.getMessage(), e);
        }
    }

    private TargetFile storeTargetFile(String path, Path file, Optional<ObjectNode> custom) throws ManifestException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path tmp = layout.targetsDir().resolve(".incoming-" + System.nanoTime() + ".part");
            Files.createDirectories(layout.targetsDir());
            long length;
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                length = Files.copy(in, tmp);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            Path dest = layout.targetFile(path, hash);
            Files.createDirectories(dest.getParent());
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.syncDirectory(dest.getParent());
            return new TargetFile(path, length, Map.of("sha256", hash), custom);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ManifestException("target " + path + ": cannot store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path p, byte[] data) throws ManifestException {
        try {
            AtomicFiles.write(p, data);
        } catch (IOException e) {
            throw new ManifestException(p + ": cannot write: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
