package io.hostapp.manifest.client;

import io.hostapp.manifest.DownloadException;
import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.MetadataException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.metadata.MetaFile;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.Snapshot;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.metadata.Targets;
import io.hostapp.manifest.metadata.Timestamp;
import io.hostapp.manifest.metadata.UnverifiedMetadata;
import io.hostapp.manifest.metadata.SignatureThreshold;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The TUF 1.0.x client workflow (specification section 5) over one repository: the device-side entry
 * point. Construct it over a metadata directory that holds a trusted {@code root.json}
 * ({@link #bootstrap}), call {@link #refresh()}, then look targets up and download them.
 *
 * <pre>
 * RepositoryClient client = new RepositoryClient(ClientConfig.of(dir, metadataUrl, targetsUrl));
 * TrustedMetadata trusted = client.refresh();          // root chain, timestamp, snapshot, targets
 * TargetFile t = client.findTarget("boards/pi4/v2/full.img.zst").orElseThrow();
 * try (InputStream in = client.openTarget(t)) { ... }  // bounded, verified at EOF
 * </pre>
 *
 * <p>Locally stored metadata is always re-verified before use, and a newer document is persisted
 * (atomically, as the exact downloaded bytes) only after it passed every check; a failed refresh
 * leaves the directory as it was, apart from the roles that did update before the failing one.
 * One instance serves one refresh (as python-tuf's Updater); create a new one for the next poll.
 * Not thread-safe.
 */
public final class RepositoryClient {

    private final ClientConfig config;
    private final MetadataStore store;
    private final TrustedMetadataSet trusted;
    private final TargetSearch search;

    /**
     * Loads and self-verifies the trusted root from {@code config.metadataDir()}; makes no request.
     *
     * @throws ManifestException root.json is missing, unreadable, malformed or not signed by its own threshold
     */
    public RepositoryClient(ClientConfig config) throws ManifestException {
        this.config = config;
        this.store = new MetadataStore(config.metadataDir());
        byte[] rootBytes;
        try {
            rootBytes = store.load(Root.TYPE).orElseThrow(() -> new ManifestException(
                    "metadata dir " + config.metadataDir() + ": no trusted root.json"));
        } catch (IOException e) {
            throw new ManifestException("metadata dir " + config.metadataDir() + ": cannot read root.json: " + e.getMessage(), e);
        }
        this.trusted = new TrustedMetadataSet(rootBytes, config.clock().instant());
        this.search = new TargetSearch(this::loadTargets, config.maxDelegations());
    }

    /**
     * Installs {@code trustedRoot} as the root of trust in {@code metadataDir} (first boot / provisioning).
     * The document must be signed by a threshold of its own root keys; its expiry is not checked.
     */
    public static void bootstrap(Path metadataDir, byte[] trustedRoot) throws ManifestException {
        UnverifiedMetadata<Root> md = UnverifiedMetadata.parse("root", trustedRoot, Root::parse);
        SignatureThreshold.verify(md, md.untrustedSigned(), "root");
        try {
            Files.createDirectories(metadataDir);
            new MetadataStore(metadataDir).persist(Root.TYPE, trustedRoot);
        } catch (IOException e) {
            throw new ManifestException("metadata dir " + metadataDir + ": cannot write root.json: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the top-level update: root rotation chain (5.3), timestamp (5.4), snapshot (5.5) and
     * targets (5.6). Call once per instance.
     *
     * @return the verified top-level metadata
     * @throws MetadataException the first check that failed
     * @throws ManifestException the metadata directory could not be written
     */
    public TrustedMetadata refresh() throws ManifestException {
        loadRoot();
        loadTimestamp();
        loadSnapshot();
        Targets top = loadTargets(Targets.TYPE, Root.TYPE);
        return new TrustedMetadata(trusted.root(), trusted.timestamp().orElseThrow(),
                trusted.snapshot().orElseThrow(), top);
    }

    /**
     * Finds {@code targetPath} in the top-level targets or, by pre-order depth-first search through
     * delegations (respecting path patterns, hash prefixes and terminating roles), in the most
     * trusted delegated role. Refreshes first if {@link #refresh()} has not run.
     */
    public Optional<TargetFile> findTarget(String targetPath) throws ManifestException {
        if (trusted.targets(Targets.TYPE).isEmpty()) {
            refresh();
        }
        return search.find(targetPath);
    }

    /** Returns {@code file} when it exists and matches {@code target}'s length and hashes. */
    public Optional<Path> findCached(TargetFile target, Path file) {
        return TargetDownload.findCached(target, file);
    }

    /**
     * Downloads {@code target} into {@code file}: bounded by the signed length, verified against every
     * signed hash, and moved into place atomically only when it matches. On any failure {@code file}
     * is left as it was.
     */
    public Path download(TargetFile target, Path file) throws ManifestException {
        return TargetDownload.toFile(openTarget(target), target, file);
    }

    /**
     * Opens {@code target} for streaming. The stream yields at most the signed length and, when the
     * last byte has been read, checks length and hashes; a mismatch surfaces as a
     * {@link VerifyingInputStream.VerificationFailure} (an IOException holding the typed exception).
     * The consumer must treat the data as unverified until it has read to EOF without error.
     */
    public VerifyingInputStream openTarget(TargetFile target) throws ManifestException {
        requireTargetBase();
        InputStream in = config.fetcher().open(target.path(), targetUrl(target), target.length());
        return new VerifyingInputStream(target, in);
    }

    /** The URL a target is fetched from: hash-prefixed file name under consistent snapshots. */
    public URI targetUrl(TargetFile target) throws ManifestException {
        requireTargetBase();
        String path = target.path();
        if (trusted.root().consistentSnapshot()) {
            int slash = path.lastIndexOf('/');
            String hash = target.hashes().values().iterator().next();
            path = path.substring(0, slash + 1) + hash + "." + path.substring(slash + 1);
        }
        // appended, never resolved: a target path starting with "/" or holding ".." must stay below the base
        return URI.create(config.targetBaseUrl() + PercentEncoding.quote(path, "/"));
    }

    private void requireTargetBase() throws ManifestException {
        if (config.targetBaseUrl() == null) {
            throw new ManifestException("client: no target base URL configured");
        }
    }

    private void loadRoot() throws ManifestException {
        long first = trusted.root().version() + 1;
        for (long v = first; v < first + config.maxRootRotations(); v++) {
            byte[] data;
            try {
                data = download(Root.TYPE, config.rootMaxLength(), v);
            } catch (DownloadException e) {
                if (e.isNotFound()) {
                    return; // no newer root: the trusted one is current
                }
                throw e;
            }
            trusted.updateRoot(data);
            persist(Root.TYPE, data);
        }
    }

    private void loadTimestamp() throws ManifestException {
        try {
            Optional<byte[]> local = store.load(Timestamp.TYPE);
            if (local.isPresent()) {
                trusted.updateTimestamp(local.get());
            }
        } catch (MetadataException | IOException e) {
            // Local timestamp is missing, unverifiable under the current root (e.g. after a key
            // rotation: fast-forward recovery) or expired: it is then no rollback baseline.
        }
        byte[] data = download(Timestamp.TYPE, config.timestampMaxLength(), null);
        if (trusted.updateTimestamp(data).isPresent()) {
            persist(Timestamp.TYPE, data);
        }
    }

    private void loadSnapshot() throws ManifestException {
        try {
            Optional<byte[]> local = store.load(Snapshot.TYPE);
            if (local.isPresent()) {
                trusted.updateSnapshot(local.get(), true);
                return; // local snapshot is the one timestamp names: nothing to download
            }
        } catch (MetadataException | IOException e) {
            // not valid as final snapshot: fetch the one timestamp names
        }
        MetaFile meta = trusted.timestamp().orElseThrow().snapshotMeta();
        long length = meta.length().orElse(config.snapshotMaxLength());
        Long version = trusted.root().consistentSnapshot() ? meta.version() : null;
        byte[] data = download(Snapshot.TYPE, length, version);
        trusted.updateSnapshot(data, false);
        persist(Snapshot.TYPE, data);
    }

    /** Loads targets role {@code role} once per run: from the store if still current, else from the repository. */
    Targets loadTargets(String role, String delegator) throws ManifestException {
        Optional<Targets> loaded = trusted.targets(role);
        if (loaded.isPresent()) {
            return loaded.get();
        }
        try {
            Optional<byte[]> local = store.load(role);
            if (local.isPresent()) {
                return trusted.updateTargets(local.get(), role, delegator);
            }
        } catch (MetadataException | IOException e) {
            // stale or missing locally: fetch the version snapshot names
        }
        MetaFile meta = trusted.snapshot().orElseThrow().meta().get(role + ".json");
        if (meta == null) {
            throw new MetadataException(role, Check.DELEGATION, "delegated but not listed in snapshot");
        }
        long length = meta.length().orElse(config.targetsMaxLength());
        Long version = trusted.root().consistentSnapshot() ? meta.version() : null;
        byte[] data = download(role, length, version);
        Targets t = trusted.updateTargets(data, role, delegator);
        persist(role, data);
        return t;
    }

    private byte[] download(String role, long maxLength, Long version) throws DownloadException {
        String name = PercentEncoding.quote(role, "") + ".json";
        URI url = URI.create(config.metadataBaseUrl() + (version == null ? name : version + "." + name));
        return BoundedDownload.readAll(role, config.fetcher().open(role, url, maxLength), maxLength);
    }

    private void persist(String role, byte[] data) throws ManifestException {
        try {
            store.persist(role, data);
        } catch (IOException e) {
            throw new ManifestException(role + ": cannot persist to " + store.fileFor(role) + ": " + e.getMessage(), e);
        }
    }
}
