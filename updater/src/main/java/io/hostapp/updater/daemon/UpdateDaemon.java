package io.hostapp.updater.daemon;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.device.UpdateLock;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code hostapp-update daemon}: polls for releases on a schedule and installs them without a cloud telling
 * it to. One cycle ({@link #cycle}) reads top to bottom:
 * <pre>
 *   an installed update awaits its reboot  → reboot when the policy, the window and the inhibit lock allow
 *   outside every maintenance window       → wait for the next window
 *   ask the source for a release           → none: sleep until the next poll
 *   wait while applications hold the inhibit lock (at most maxInhibit, then go ahead and say so)
 *   install (under the update lock)        → reboot by the policy
 * </pre>
 * A failed cycle doubles the wait before the next one (capped), a good one resets it; every wait gets a random
 * jitter. {@link #stop()} (SIGTERM) ends the loop after the current step: an interrupted download leaves the
 * device as a failed install does, with nothing lost.
 */
public final class UpdateDaemon {
    /** How the daemon tells time and waits; tests run it on a fake clock. */
    public interface Environment {
        ZonedDateTime now();

        void sleep(Duration d) throws InterruptedException;

        RandomGenerator random();
    }

    /** What one cycle did; {@code next} is how long to wait before the next one. */
    public record Cycle(String what, Duration next, boolean failed) {
    }

    /** Reboots a device into its armed trial (the device's rebooter, or the simulated power cycle). */
    public interface Reboot {
        void reboot(Device d, String why) throws UpdateException;
    }

    private final Device device;
    private final UpdateSource source;
    private final DaemonSettings settings;
    private final Environment env;
    private final UpdateListener listener;
    private final Reboot reboot;
    private volatile boolean stopping;
    private volatile InstallRequest current;
    private int failures;

    public UpdateDaemon(Device device, UpdateSource source, DaemonSettings settings, Environment env, Reboot reboot) {
        this.device = device;
        this.source = source;
        this.settings = settings;
        this.env = env;
        this.listener = device.listener();
        this.reboot = reboot;
    }

    /** Runs cycles until {@link #stop()}; {@code afterCycle} runs after each (e.g. sending outcome reports). */
    public void run(Runnable afterCycle) {
        listener.info("daemon started: poll every " + settings.interval() + " (+ up to " + settings.jitter()
                + " jitter), reboot " + settings.reboot().name().toLowerCase() + ", windows " + settings.windows());
        while (!stopping) {
            Cycle c = cycle();
            if (stopping) {
                break;
            }
            afterCycle.run();
            listener.info("daemon: " + c.what() + "; next check in " + c.next().toSeconds() + " s");
            try {
                env.sleep(c.next());
            } catch (InterruptedException e) {
                if (stopping) {
                    break;
                }
                Thread.currentThread().interrupt();
                break;
            }
        }
        listener.info("daemon stopped");
    }

    /**
     * Asks the loop to end (SIGTERM): a download in progress is cancelled, so its install fails cleanly at once
     * (journal back to Idle, the inactive slot marked bad, a cached partial download kept for next time).
     */
    public void stop() {
        stopping = true;
        InstallRequest r = current;
        if (r != null) {
            r.source().cancel();
        }
    }

    public boolean stopping() {
        return stopping;
    }

    /** One poll cycle; never throws: a failure is a result with a longer wait. */
    public Cycle cycle() {
        try {
            String what = step();
            failures = 0;
            return new Cycle(what, nextPoll(), false);
        } catch (UpdateException e) {
            failures++;
            return new Cycle("failed (" + e.exitCode().code() + "): " + e.getMessage(), backoff(), true);
        }
    }

    private String step() throws UpdateException {
        ZonedDateTime now = env.now();
        Journal j = device.journal().load();
        if (j.state() == JournalState.ArtifactReboot) {
            return rebootIfAllowed(j.update().map(Journal.Update::version).orElse("?"));
        }
        if (j.state() != JournalState.Idle) {
            return "update in state " + j.state() + ": waiting for boot-check";
        }
        if (!settings.windowOpen(now)) {
            return "outside the maintenance windows (next opens in " + settings.untilWindow(now).toMinutes() + " min)";
        }
        Optional<InstallRequest> offer = source.check(device);
        if (offer.isEmpty()) {
            return "up to date";
        }
        InstallRequest req = offer.get();
        if (!waitForApplications("install " + req.source().describe())) {
            return "stopping";
        }
        Journal installed;
        current = req;
        try (UpdateLock lock = UpdateLock.acquire(device.dataDir())) {
            installed = new InstallPipeline(device).run(req);
        } finally {
            current = null;
        }
        return "installed " + installed.update().map(Journal.Update::version).orElse("?") + "; "
                + rebootIfAllowed(installed.update().map(Journal.Update::version).orElse("?"));
    }

    private String rebootIfAllowed(String version) throws UpdateException {
        switch (settings.reboot()) {
            case NEVER:
                return version + " awaits a reboot (reboot policy: never)";
            case WINDOW:
                if (!settings.windowOpen(env.now())) {
                    return version + " awaits a reboot in the next maintenance window";
                }
                break;
            default:
                break;
        }
        if (!waitForApplications("reboot into " + version)) {
            return "stopping";
        }
        reboot.reboot(device, "daemon: reboot into " + version);
        return "rebooted into " + version;
    }

    /** Waits while applications hold the inhibit lock, up to the maximum; false when asked to stop meanwhile. */
    private boolean waitForApplications(String what) throws UpdateException {
        InhibitLocks locks = new InhibitLocks(settings.inhibitDir());
        ZonedDateTime start = env.now();
        List<String> holders = locks.holders();
        while (!holders.isEmpty()) {
            Duration waited = Duration.between(start, env.now());
            if (waited.compareTo(settings.maxInhibit()) >= 0) {
                listener.info("inhibit lock held by " + holders + " for " + waited.toMinutes()
                        + " min, past the maximum: going ahead with " + what);
                return true;
            }
            listener.info("inhibit lock held by " + holders + ": waiting before " + what);
            try {
                env.sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpdateException(ExitCode.FAILURE, "interrupted while waiting for " + holders);
            }
            if (stopping) {
                return false;
            }
            holders = locks.holders();
        }
        return true;
    }

    private Duration nextPoll() {
        return settings.interval().plus(jitter());
    }

    private Duration backoff() {
        long factor = 1L << Math.min(failures, 20);
        Duration d = settings.interval().multipliedBy(factor);
        if (d.compareTo(settings.backoffCap()) > 0) {
            d = settings.backoffCap();
        }
        return d.plus(jitter());
    }

    private Duration jitter() {
        long ms = settings.jitter().toMillis();
        return ms <= 0 ? Duration.ZERO : Duration.ofMillis(env.random().nextLong(ms + 1));
    }
}
