package io.hostapp.updater.repo;

import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.MetadataException;
import io.hostapp.manifest.client.ClientConfig;
import io.hostapp.manifest.client.RepositoryClient;
import io.hostapp.manifest.client.TrustedMetadata;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.rollout.DeviceIdentity;
import io.hostapp.manifest.rollout.PayloadInfo;
import io.hostapp.manifest.rollout.PayloadKind;
import io.hostapp.manifest.rollout.PayloadInfo;
import io.hostapp.manifest.rollout.PayloadKind;
import io.hostapp.manifest.rollout.ReleaseVersion;
import io.hostapp.manifest.rollout.RolloutCohort;
import io.hostapp.manifest.rollout.ReleaseDecision;
import io.hostapp.manifest.rollout.ReleasePicker;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.config.DeviceConfig;
import io.hostapp.updater.daemon.UpdateSource;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.fetch.DownloadCache;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.install.PayloadSource;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.report.DeviceId;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * The device side of the signed repository ({@code check}, {@code update}, and the daemon's source):
 * <pre>
 *   first use: install the configured trusted root into DATA_DIR/tuf (it must be self-signed)
 *   refresh:   root chain → timestamp → snapshot → targets (TUF §5), every file bounded and checked
 *   pick:      the release for this board, channel and cohort; a lower version only if signed as allowed
 *   offer:     an install of its payload, checked byte by byte against the signed target
 * </pre>
 * A rejected metadata file leaves the trusted metadata as it was (the client persists only what verified).
 */
public final class RepositoryUpdates implements UpdateSource {
    /** Directory of the trusted metadata inside the data directory. */
    public static final String METADATA_DIR = "tuf";

    private final HttpFetcher http;
    private final Clock clock;

    public RepositoryUpdates(HttpFetcher http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** What a check found: the decision, and what an install of it needs. */
    public record Check(ReleaseDecision decision, Optional<String> running, DeviceIdentity identity,
                        Optional<InstallRequest> install) {
    }

    @Override
    public Optional<InstallRequest> check(Device device) throws UpdateException {
        Check c = check(device, false, false);
        if (c.decision().outcome() == ReleaseDecision.Outcome.DOWNGRADE_REFUSED) {
            throw new UpdateException(ExitCode.REFUSED, c.decision().reason());
        }
        return c.install();
    }

    /** Refreshes the metadata and picks the release for {@code device}. */
    public Check check(Device device, boolean skipHooks, boolean noRecovery) throws UpdateException {
        DeviceConfig.Repository repo = device.config().repository().orElseThrow(() -> new UpdateException(
                ExitCode.CONFIG, "no repository configured (field 'repository' of " + device.configFile() + ")"));
        Path metadataDir = device.dataDir().resolve(METADATA_DIR);
        TufFetcher fetcher = new TufFetcher(http);
        RepositoryClient client;
        TrustedMetadata trusted;
        try {
            bootstrap(metadataDir, repo.trustedRoot());
            client = new RepositoryClient(ClientConfig.of(metadataDir, URI.create(repo.url() + "metadata/"),
                    URI.create(repo.url() + "targets/")).withFetcher(fetcher).withClock(clock));
            trusted = client.refresh();
        } catch (MetadataException e) {
            throw new UpdateException(ExitCode.METADATA, "repository " + repo.url() + ": " + e.getMessage(), e);
        } catch (ManifestException e) {
            throw new UpdateException(ExitCode.METADATA, "repository " + repo.url() + ": " + e.getMessage(), e);
        }
        Optional<String> running = runningVersion(device);
        DeviceIdentity id;
        try {
            id = new DeviceIdentity(device.board().name(), repo.channel(), DeviceId.of(device.storage(), device.dataDir()));
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "device id: " + e.getMessage(), e);
        }
        ReleaseDecision d;
        try {
            d = ReleasePicker.pick(trusted.targets().targets().values(), id, running);
            d = withRolloutNote(d, trusted.targets().targets().values(), id, running);
        } catch (MetadataException e) {
            throw new UpdateException(ExitCode.METADATA, "repository " + repo.url() + ": " + e.getMessage(), e);
        }
        if (!d.shouldInstall()) {
            return new Check(d, running, id, Optional.empty());
        }
        try {
            ReleasePicker.requireInstallable(d.payload().orElseThrow(), d.info().orElseThrow(), id, running);
        } catch (MetadataException e) {
            throw new UpdateException(ExitCode.REFUSED, e.getMessage(), e);
        }
        DownloadCache cache = device.config().cache()
                ? new DownloadCache(device.dataDir(), device.storage(), device.listener()) : null;
        TufPayloadSource src = new TufPayloadSource(client, d.payload().get(), d.info().get(), http, fetcher, cache);
        Optional<PayloadSource> fallback = Optional.empty();
        if (d.info().get().kind() == PayloadKind.DELTA) {
            // a delta needs the exact running image; if the slot differs, the full payload of the same release
            Optional<TargetFile> full = fullPayload(trusted, d.info().get());
            if (full.isPresent()) {
                try {
                    fallback = Optional.of(new TufPayloadSource(client, full.get(),
                            PayloadInfo.fromTarget(full.get()).orElseThrow(), http, fetcher, cache));
                } catch (MetadataException e) {
                    throw new UpdateException(ExitCode.METADATA, "repository " + repo.url() + ": " + e.getMessage(), e);
                }
            }
            device.listener().info("delta " + d.info().get().from().orElse("?") + " -> " + d.version().orElse("?")
                    + " offered: " + d.payload().get().length() + " bytes (full image "
                    + full.map(f -> f.length() + " bytes").orElse("not published") + ")");
        }
        return new Check(d, running, id, Optional.of(new InstallRequest(src, d.version(), skipHooks, noRecovery,
                fallback)));
    }

    /** The full payload of the release {@code delta} produces, for the same board. */
    private static Optional<TargetFile> fullPayload(TrustedMetadata trusted, PayloadInfo delta) throws UpdateException {
        for (TargetFile t : trusted.targets().targets().values()) {
            try {
                Optional<PayloadInfo> i = PayloadInfo.fromTarget(t);
                if (i.isPresent() && i.get().kind() == PayloadKind.FULL && i.get().board().equals(delta.board())
                        && i.get().version().equals(delta.version())) {
                    return Optional.of(t);
                }
            } catch (MetadataException e) {
                throw new UpdateException(ExitCode.METADATA, e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /**
     * Adds to the decision's reason the newer releases of this board and channel whose staged rollout leaves this
     * device out, so {@code check} shows why it stays where it is ("v2 is rolled out to 10% of channel stable;
     * this device is not in it (bucket 39)").
     */
    static ReleaseDecision withRolloutNote(ReleaseDecision d, Collection<TargetFile> targets, DeviceIdentity id,
                                           Optional<String> running) throws MetadataException {
        Optional<String> floor = d.shouldInstall() ? d.version() : running;
        Map<String, Integer> excluded = new TreeMap<>(ReleaseVersion.ORDER);
        for (TargetFile t : targets) {
            Optional<PayloadInfo> info = PayloadInfo.fromTarget(t);
            if (info.isEmpty() || info.get().kind() != PayloadKind.FULL || !info.get().board().equals(id.board())) {
                continue;
            }
            Optional<Integer> pct = info.get().percentFor(id.channel());
            String v = info.get().version();
            if (pct.isPresent() && floor.map(f -> ReleaseVersion.compare(v, f) > 0).orElse(true)
                    && !RolloutCohort.inRollout(id.deviceId(), v, pct.get())) {
                excluded.put(v, pct.get());
            }
        }
        if (excluded.isEmpty()) {
            return d;
        }
        StringBuilder note = new StringBuilder(d.reason());
        excluded.forEach((v, pct) -> note.append("; not in rollout: ").append(v).append(" is rolled out to ").append(pct)
                .append("% of channel ").append(id.channel()).append(", this device (bucket ")
                .append(RolloutCohort.bucket(id.deviceId(), v)).append(") is not in it"));
        return new ReleaseDecision(d.outcome(), d.version(), d.payload(), d.info(), note.toString());
    }

    private static void bootstrap(Path metadataDir, Path trustedRoot) throws ManifestException, UpdateException {
        if (Files.exists(metadataDir.resolve("root.json"))) {
            return;
        }
        byte[] root;
        try {
            root = Files.readAllBytes(trustedRoot);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.CONFIG, trustedRoot + ": cannot read the trusted root metadata: "
                    + e.getMessage(), e);
        }
        RepositoryClient.bootstrap(metadataDir, root);
    }

    /** The release in the booted slot, as the journal recorded it. */
    static Optional<String> runningVersion(Device device) throws UpdateException {
        try {
            Slot booted = device.boot().bootedSlot();
            return device.journal().load().slot(booted).map(Journal.Release::version);
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
    }
}
