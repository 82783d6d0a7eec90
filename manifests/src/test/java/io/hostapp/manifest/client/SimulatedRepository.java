package io.hostapp.manifest.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.DownloadException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.keys.KeyFiles;
import io.hostapp.manifest.keys.SignatureScheme;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.keys.VerificationKey;
import io.hostapp.manifest.metadata.MetaFile;
import io.hostapp.manifest.metadata.Role;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.Signed;
import io.hostapp.manifest.metadata.SignedEnvelope;
import io.hostapp.manifest.metadata.SignedHeader;
import io.hostapp.manifest.metadata.Snapshot;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.metadata.Targets;
import io.hostapp.manifest.metadata.Timestamp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * An in-memory TUF repository for tests, serving itself as a {@link Fetcher}: tests change metadata,
 * {@code publish*} signs and "uploads" it, and tamper with {@link #files} or {@link #override} to play
 * the attacker. Consistent snapshots are on. Ed25519 keys are pre-generated once (fast).
 */
final class SimulatedRepository implements Fetcher {

    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final List<SigningKey> KEY_POOL = new ArrayList<>();

    static synchronized SigningKey key(int i) {
        while (KEY_POOL.size() <= i) {
            KEY_POOL.add(KeyFiles.generate(SignatureScheme.ED25519));
        }
        return KEY_POOL.get(i);
    }

    /** Served files by URL path below the base, e.g. {@code metadata/2.root.json}. */
    final Map<String, byte[]> files = new LinkedHashMap<>();
    /** Replaces the body for a path (endless data, stalls...). */
    final Map<String, Supplier<InputStream>> override = new HashMap<>();
    final List<String> requests = new ArrayList<>();

    final Map<String, List<SigningKey>> roleKeys = new HashMap<>();
    final Map<String, Integer> thresholds = new HashMap<>();
    /** Keys that sign each role (by default those of roleKeys). */
    final Map<String, List<SigningKey>> signers = new HashMap<>();
    final Map<String, TargetFile> targets = new LinkedHashMap<>();
    final Map<String, byte[]> targetData = new HashMap<>();
    Optional<ObjectNode> delegations = Optional.empty();
    final Map<String, Targets> delegated = new LinkedHashMap<>();
    Instant expires = NOW.plus(Duration.ofDays(30));

    long rootVersion;
    long timestampVersion;
    long snapshotVersion;
    long targetsVersion;
    final Map<String, Long> delegatedVersions = new HashMap<>();

    SimulatedRepository() {
        roleKeys.put("root", List.of(key(0)));
        roleKeys.put("timestamp", List.of(key(1)));
        roleKeys.put("snapshot", List.of(key(2)));
        roleKeys.put("targets", List.of(key(3)));
        for (String r : Root.TOP_LEVEL_ROLES) {
            thresholds.put(r, 1);
        }
        publishRoot();
        publishTargetsSnapshotTimestamp();
    }

    ClientConfig config(Path metadataDir) {
        return ClientConfig.of(metadataDir, URI.create("http://repo.test/metadata/"), URI.create("http://repo.test/targets/"))
                .withFetcher(this).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    byte[] rootV1() {
        return files.get("metadata/1.root.json");
    }

    Root currentRoot() {
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        Map<String, Role> roles = new LinkedHashMap<>();
        for (String r : Root.TOP_LEVEL_ROLES) {
            List<String> ids = new ArrayList<>();
            for (SigningKey k : roleKeys.get(r)) {
                keys.put(k.keyId(), k.publicKey());
                ids.add(k.keyId());
            }
            roles.put(r, new Role(ids, thresholds.get(r)));
        }
        return Root.build(header("root", rootVersion), true, keys, roles);
    }

    /** Root keys of the last published root version. */
    List<SigningKey> lastRootKeys = List.of();

    /**
     * Publishes root version+1, signed by the last root's keys and its own (a proper rotation), or by
     * exactly {@code signers.get("root")} when a test set that (then cleared).
     */
    void publishRoot() {
        List<SigningKey> sign = new ArrayList<>();
        if (signers.containsKey("root")) {
            sign.addAll(signers.remove("root"));
        } else {
            sign.addAll(lastRootKeys);
            roleKeys.get("root").stream().filter(k -> !sign.contains(k)).forEach(sign::add);
        }
        rootVersion++;
        files.put("metadata/" + rootVersion + ".root.json", envelope(currentRoot(), sign));
        lastRootKeys = roleKeys.get("root");
    }

    void publishTargetsSnapshotTimestamp() {
        publishTargets();
        publishSnapshot();
        publishTimestamp();
    }

    void publishTargets() {
        targetsVersion++;
        ObjectNode n = Targets.build(header("targets", targetsVersion), targets).json();
        delegations.ifPresent(d -> n.set("delegations", d));
        files.put("metadata/" + targetsVersion + ".targets.json", envelope(parse(n), signersFor("targets")));
    }

    /** Publishes a delegated role signed with {@code keys}. */
    void publishDelegated(String name, Map<String, TargetFile> roleTargets, List<SigningKey> keys) {
        long v = delegatedVersions.merge(name, 1L, Long::sum);
        Targets t = Targets.build(header("targets", v), roleTargets);
        files.put("metadata/" + v + "." + PercentEncoding.quote(name, "") + ".json", envelope(t, keys));
    }

    void publishSnapshot() {
        snapshotVersion++;
        Map<String, MetaFile> meta = new LinkedHashMap<>();
        meta.put("targets.json", metaFor("metadata/" + targetsVersion + ".targets.json", targetsVersion));
        delegatedVersions.forEach((name, v) -> meta.put(name + ".json",
                metaFor("metadata/" + v + "." + PercentEncoding.quote(name, "") + ".json", v)));
        Snapshot s = Snapshot.build(header("snapshot", snapshotVersion), meta);
        files.put("metadata/" + snapshotVersion + ".snapshot.json", envelope(s, signersFor("snapshot")));
    }

    void publishTimestamp() {
        timestampVersion++;
        Timestamp t = Timestamp.build(header("timestamp", timestampVersion),
                metaFor("metadata/" + snapshotVersion + ".snapshot.json", snapshotVersion));
        files.put("metadata/timestamp.json", envelope(t, signersFor("timestamp")));
    }

    /** Adds target {@code path} with {@code data} to top-level targets (publish separately). */
    TargetFile addTarget(String path, byte[] data) {
        TargetFile t = new TargetFile(path, data.length, Map.of("sha256", sha256(data)), Optional.empty());
        targets.put(path, t);
        serveTarget(t, data);
        return t;
    }

    void serveTarget(TargetFile t, byte[] data) {
        int slash = t.path().lastIndexOf('/');
        String name = t.path().substring(0, slash + 1) + t.hashes().get("sha256") + "." + t.path().substring(slash + 1);
        files.put("targets/" + name, data);
    }

    /** Adds a delegation from top-level targets to {@code name} (keys 10+). */
    void delegate(String name, List<String> paths, boolean terminating, SigningKey key) {
        ObjectNode d = delegations.orElseGet(() -> {
            ObjectNode n = io.hostapp.manifest.json.CanonicalJson.mapper().createObjectNode();
            n.putObject("keys");
            n.putArray("roles");
            return n;
        });
        ((ObjectNode) d.get("keys")).set(key.keyId(), key.publicKey().json());
        ObjectNode r = ((ArrayNode) d.get("roles")).addObject();
        r.put("name", name);
        r.putArray("keyids").add(key.keyId());
        r.put("threshold", 1);
        r.put("terminating", terminating);
        ArrayNode p = r.putArray("paths");
        paths.forEach(p::add);
        delegations = Optional.of(d);
    }

    private List<SigningKey> signersFor(String role) {
        return signers.getOrDefault(role, roleKeys.get(role));
    }

    SignedHeader header(String type, long version) {
        return new SignedHeader(type, "1.0.31", version, expires);
    }

    MetaFile metaFor(String file, long version) {
        byte[] b = files.get(file);
        return new MetaFile(version, OptionalLong.of(b.length), Map.of("sha256", sha256(b)));
    }

    static byte[] envelope(Signed s, List<SigningKey> keys) {
        Map<String, String> sigs = new LinkedHashMap<>();
        byte[] payload = SignedEnvelope.payload(s);
        for (SigningKey k : keys) {
            sigs.put(k.keyId(), k.sign(payload));
        }
        return SignedEnvelope.toBytes(s, sigs);
    }

    private static Targets parse(ObjectNode n) {
        try {
            return Targets.parse(n, "targets");
        } catch (ManifestException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InputStream open(String role, URI url, long maxLength) throws DownloadException {
        String path = url.getPath().substring(1);
        requests.add(path);
        if (override.containsKey(path)) {
            return override.get(path).get();
        }
        byte[] b = files.get(path);
        if (b == null) {
            throw new DownloadException(role, Check.DOWNLOAD, url + ": HTTP 404", 404, null);
        }
        return new ByteArrayInputStream(b);
    }

    /** An endless stream of {@code x}. */
    static InputStream endless() {
        return new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
    }
}
