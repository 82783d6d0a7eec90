package io.hostapp.updater.device;

import io.hostapp.boot.BootBackend;
import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.board.BoardFileException;
import io.hostapp.updater.board.BoardLoader;
import io.hostapp.updater.config.DeviceConfig;
import io.hostapp.updater.config.DeviceConfigLoader;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.health.HealthContext;
import io.hostapp.updater.journal.UpdateJournal;
import io.hostapp.updater.report.ReportSpool;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A device as the agent sees it: its board, where its slots, bootloader storage and data directory are,
 * and the services built on them (bootloader backend, journal, rebooter). Nothing downstream knows whether
 * it is simulated: a simulated device only differs in resolving the board's paths inside its directory and
 * in how it reboots.
 */
public final class Device {
    /** The board file a simulated device keeps in its directory. */
    public static final String SIM_BOARD_FILE = "board.json";
    /** A real device's configuration file inside its configuration directory. */
    public static final String CONFIG_FILE = "config.json";
    /** Default configuration directory of a real device. */
    public static final Path DEFAULT_CONFIG_DIR = Path.of("/etc/hostapp-update");

    private final Board board;
    private final DeviceConfig config;
    private Path configFile;
    private final Path base;
    private final Storage storage;
    private final UpdateListener listener;
    private final BootBackend boot;
    private final UpdateJournal journal;
    private final Rebooter rebooter;

    private Device(Board board, DeviceConfig config, Path base, Storage storage, UpdateListener listener)
            throws UpdateException {
        this.board = board;
        this.config = config;
        this.base = base;
        this.storage = storage;
        this.listener = listener;
        this.boot = BootBackends.create(this);
        this.journal = new UpdateJournal(storage, dataDir(), listener);
        if (config.reportUrl().isPresent()) {
            ReportSpool spool = new ReportSpool(storage, dataDir(), board.name(), listener);
            journal.onOutcome(spool::record);
        }
        this.rebooter = board.simulated() ? new SimulatedReboot(base) : new CommandReboot(board.rebootCommand(), boot);
    }

    /** Opens the simulated device in {@code dir} (made by {@code sim create}). */
    public static Device openSimulated(Path dir, Storage storage, UpdateListener listener) throws UpdateException {
        Path boardFile = dir.resolve(SIM_BOARD_FILE);
        if (!Files.isRegularFile(boardFile)) {
            throw new BoardFileException(dir + ": not a simulated device (no " + SIM_BOARD_FILE
                    + "; create one with 'hostapp-update sim create')");
        }
        Board b = BoardLoader.load(boardFile);
        if (!b.simulated()) {
            throw new BoardFileException(boardFile + ": field 'simulated': must be true inside a simulated device");
        }
        Device d = new Device(b, DeviceConfigLoader.load(dir.resolve(CONFIG_FILE), true), dir.toAbsolutePath(), storage,
                listener);
        d.configFile = dir.resolve(CONFIG_FILE);
        return d;
    }

    /**
     * Opens the real device described by {@code CONFIG_DIR/config.json} (format: {@code updater/CONFIG.md}); its
     * {@code board} field names a shipped board or a board file.
     */
    public static Device openReal(Path configDir, Storage storage, UpdateListener listener) throws UpdateException {
        Path cfgFile = configDir.resolve(CONFIG_FILE);
        DeviceConfig cfg = DeviceConfigLoader.load(cfgFile, false);
        String ref = cfg.board().orElseThrow(() -> new BoardFileException(cfgFile
                + ": field 'board': missing (board name or path to a board file)"));
        Board b = ref.startsWith("/") || ref.endsWith(".json")
                ? BoardLoader.load(configDir.resolve(ref)) : BoardLoader.load(ref);
        if (b.simulated()) {
            throw new BoardFileException(cfgFile + ": board '" + b.name() + "' is simulated; use --device DIR");
        }
        Device d = new Device(b, cfg, Path.of("/"), storage, listener);
        d.configFile = cfgFile;
        return d;
    }

    public Board board() {
        return board;
    }

    /** POSTs spooled outcome reports when a report URL is configured; never throws, never blocks long. */
    public void flushReports() {
        config.reportUrl().ifPresent(url -> new ReportSpool(storage, dataDir(), board.name(), listener)
                .flush(new okhttp3.OkHttpClient(), url));
    }

    /** Where the device configuration is (or would be) read from. */
    public Path configFile() {
        return configFile;
    }

    /** The device configuration (defaults when a simulated device has no config.json). */
    public DeviceConfig config() {
        return config;
    }

    public boolean simulated() {
        return board.simulated();
    }

    /** The device directory of a simulated device; {@code /} on a real one. */
    public Path base() {
        return base;
    }

    public Storage storage() {
        return storage;
    }

    public UpdateListener listener() {
        return listener;
    }

    public BootBackend boot() {
        return boot;
    }

    public UpdateJournal journal() {
        return journal;
    }

    public Rebooter rebooter() {
        return rebooter;
    }

    /** A path from the board file, made absolute. */
    public Path resolve(String p) {
        return base.resolve(p.startsWith("/") && board.simulated() ? p.substring(1) : p);
    }

    public Path dataDir() {
        return resolve(board.dataDir());
    }

    public Path slotDevice(Slot s) {
        return resolve(board.slots().get(s).device());
    }

    /** The slot's capacity: from the board file, else the device's own size. */
    public long slotSize(Slot s) throws UpdateException {
        long size = board.slots().get(s).size();
        if (size > 0) {
            return size;
        }
        try (Storage.BlockDevice d = storage.openDevice(slotDevice(s), false)) {
            return d.size();
        } catch (IOException e) {
            throw new UpdateException(ExitCode.CONFIG, "slot " + s + " (" + slotDevice(s) + "): cannot open: "
                    + e.getMessage(), e);
        }
    }

    /** What health checks of the booted slot see. */
    public HealthContext healthContext(Slot booted) {
        Map<String, String> env = Map.of(
                "HOSTAPP_BOOTED_SLOT", booted.id(),
                "HOSTAPP_BOOTED_DEVICE", slotDevice(booted).toString(),
                "HOSTAPP_DATA_DIR", dataDir().toString(),
                "HOSTAPP_BOARD", board.name());
        return new HealthContext(base, board.simulated() ? base : Path.of("/"), env,
                !board.simulated() && HealthContext.detectSystemd());
    }
}
