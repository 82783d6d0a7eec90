package io.hostapp.updater.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostapp.updater.board.BoardFileException;
import io.hostapp.updater.board.JsonFields;
import io.hostapp.updater.daemon.DaemonSettings;
import io.hostapp.updater.daemon.MaintenanceWindow;
import io.hostapp.updater.daemon.RebootPolicy;
import io.hostapp.updater.fetch.FetchConfig;
import io.hostapp.updater.fetch.FetchPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads and validates the device configuration (format: {@code updater/CONFIG.md}). Every violation is one
 * line naming the file and the field (exit code 6); relative paths are relative to the file's directory.
 */
public final class DeviceConfigLoader {
    /** The fields each object accepts, by its heading in {@code updater/CONFIG.md}. */
    public static final Map<String, Set<String>> FIELDS = Map.of(
            "top level", Set.of("board", "repository", "fetch", "daemon", "report"),
            "repository", Set.of("url", "channel", "trustedRoot"),
            "fetch", Set.of("caBundle", "clientCert", "clientKey", "proxy", "bandwidthLimit", "deadlineSeconds", "cache"),
            "daemon", Set.of("pollIntervalSeconds", "jitterSeconds", "maintenanceWindows", "inhibitDir",
                    "maxInhibitSeconds", "reboot", "backoffCapSeconds"),
            "report", Set.of("url"));

    private DeviceConfigLoader() {
    }

    /** Loads {@code file}; a missing file gives the defaults when {@code optional}. */
    public static DeviceConfig load(Path file, boolean optional) throws BoardFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (optional) {
                return DeviceConfig.defaults();
            }
            throw new BoardFileException(file + ": no device configuration; use --device DIR for a simulated device");
        } catch (IOException e) {
            throw new BoardFileException(file + ": cannot read device configuration: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            // no location for StreamReadConstraints violations (nesting deeper than 1000, 1000-digit numbers)
            throw new BoardFileException(file + ": not valid JSON: "
                    + (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ") + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BoardFileException(file + ": " + e.getMessage(), e);
        }
        return parse(new JsonFields(file.toString(), "", root), file.toAbsolutePath().getParent());
    }

    static DeviceConfig parse(JsonFields top, Path base) throws BoardFileException {
        top.onlyFields(FIELDS.get("top level"));
        Optional<String> board = Optional.ofNullable(top.text("board", null));
        Optional<DeviceConfig.Repository> repo = Optional.empty();
        if (top.has("repository")) {
            JsonFields r = top.object("repository");
            r.onlyFields(FIELDS.get("repository"));
            String url = r.text("url");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw r.error("url", "must be an http:// or https:// URL");
            }
            repo = Optional.of(new DeviceConfig.Repository(url.endsWith("/") ? url : url + "/",
                    r.text("channel", "stable"), base.resolve(r.path("trustedRoot", "root.json"))));
        }
        FetchConfig fetch = FetchConfig.DEFAULT;
        FetchPolicy policy = FetchPolicy.defaults();
        boolean cache = false;
        if (top.has("fetch")) {
            JsonFields f = top.object("fetch");
            f.onlyFields(FIELDS.get("fetch"));
            fetch = new FetchConfig(path(f, "caBundle", base), path(f, "clientCert", base), path(f, "clientKey", base),
                    Optional.ofNullable(f.text("proxy", null)));
            if (fetch.clientCert().isPresent() != fetch.clientKey().isPresent()) {
                throw f.error("clientKey", "clientCert and clientKey go together");
            }
            policy = policy.withBandwidthCap(f.integer("bandwidthLimit", 0, Long.MAX_VALUE, 0))
                    .withDeadline(Duration.ofSeconds(f.integer("deadlineSeconds", 10, 7 * 86400, 6 * 3600)));
            cache = f.bool("cache", false);
        }
        DaemonSettings daemon = DaemonSettings.defaults();
        if (top.has("daemon")) {
            daemon = daemon(top.object("daemon"), base);
        }
        Optional<String> report = Optional.empty();
        if (top.has("report")) {
            JsonFields r = top.object("report");
            r.onlyFields(FIELDS.get("report"));
            report = Optional.of(r.text("url"));
        }
        return new DeviceConfig(board, repo, fetch, policy, cache, daemon, report);
    }

    private static DaemonSettings daemon(JsonFields d, Path base) throws BoardFileException {
        d.onlyFields(FIELDS.get("daemon"));
        DaemonSettings def = DaemonSettings.defaults();
        List<MaintenanceWindow> windows = new ArrayList<>();
        if (d.has("maintenanceWindows")) {
            for (String w : d.strings("maintenanceWindows")) {
                try {
                    windows.add(MaintenanceWindow.parse(w));
                } catch (IllegalArgumentException e) {
                    throw d.error("maintenanceWindows", e.getMessage());
                }
            }
        }
        RebootPolicy reboot = def.reboot();
        if (d.has("reboot")) {
            try {
                reboot = RebootPolicy.valueOf(d.text("reboot").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw d.error("reboot", "must be immediately, window or never");
            }
        }
        return new DaemonSettings(
                Duration.ofSeconds(d.integer("pollIntervalSeconds", 1, 30L * 86400, def.interval().toSeconds())),
                Duration.ofSeconds(d.integer("jitterSeconds", 0, 86400, def.jitter().toSeconds())),
                windows, path(d, "inhibitDir", base).orElse(null),
                Duration.ofSeconds(d.integer("maxInhibitSeconds", 0, 30L * 86400, def.maxInhibit().toSeconds())),
                reboot,
                Duration.ofSeconds(d.integer("backoffCapSeconds", 1, 7L * 86400, def.backoffCap().toSeconds())));
    }

    private static Optional<Path> path(JsonFields f, String field, Path base) throws BoardFileException {
        String v = f.path(field, null);
        return v == null ? Optional.empty() : Optional.of(base.resolve(v));
    }
}
