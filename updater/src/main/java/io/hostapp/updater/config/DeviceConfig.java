package io.hostapp.updater.config;

import io.hostapp.updater.daemon.DaemonSettings;
import io.hostapp.updater.fetch.FetchConfig;
import io.hostapp.updater.fetch.FetchPolicy;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A device's configuration ({@code /etc/hostapp-update/config.json}, or {@code DIR/config.json} on a simulated
 * device); format in {@code updater/CONFIG.md}, loaded and validated by {@link DeviceConfigLoader}.
 *
 * @param board      board name or board file (real devices; a simulated device has its board.json)
 * @param repository where releases come from, if anywhere
 * @param fetch      transport: TLS material, proxy; and the download policy
 * @param cache      keep partial downloads in the data directory across restarts
 * @param daemon     schedule and manners of {@code hostapp-update daemon}
 * @param reportUrl  where outcome reports are POSTed, if anywhere
 */
public record DeviceConfig(Optional<String> board, Optional<Repository> repository, FetchConfig fetch,
                           FetchPolicy policy, boolean cache, DaemonSettings daemon, Optional<String> reportUrl) {

    /** The signed repository: its URL, the channel this device follows, its trusted root metadata file. */
    public record Repository(String url, String channel, Path trustedRoot) {
    }

    /** A device without a configuration file: no repository, default transport and schedule. */
    public static DeviceConfig defaults() {
        return new DeviceConfig(Optional.empty(), Optional.empty(), FetchConfig.DEFAULT, FetchPolicy.defaults(), false,
                DaemonSettings.defaults(), Optional.empty());
    }
}
