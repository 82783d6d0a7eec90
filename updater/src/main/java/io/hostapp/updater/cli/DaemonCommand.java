package io.hostapp.updater.cli;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.daemon.DaemonSettings;
import io.hostapp.updater.daemon.UpdateDaemon;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.device.UpdateLock;
import io.hostapp.updater.repo.RepositoryUpdates;
import io.hostapp.updater.sim.SimPowerCycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

/**
 * {@code hostapp-update daemon}: scheduled updates from the signed repository (settings: the {@code daemon}
 * section of the device configuration). One instance per device ({@code DATA_DIR/daemon.lock}); SIGTERM stops
 * it cleanly, cancelling a download in progress. Logs go to stdout, for journald.
 */
@Command(name = "daemon", description = {"Poll the signed repository on a schedule and install what it offers",
        "(maintenance windows, inhibit locks, reboot policy from the configuration)."})
final class DaemonCommand implements Callable<Integer> {
    @Option(names = "--once", description = "Run one check-and-install cycle and exit (for a systemd timer).")
    boolean once;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "Override the poll interval.")
    Long interval;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        Device d = device.open();
        DaemonSettings s = d.config().daemon();
        if (interval != null) {
            s = new DaemonSettings(Duration.ofSeconds(interval), s.jitter(), s.windows(), s.inhibitDir(),
                    s.maxInhibit(), s.reboot(), s.backoffCap());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        UpdateDaemon.Environment env = new UpdateDaemon.Environment() {
            @Override
            public ZonedDateTime now() {
                return ZonedDateTime.now();
            }

            @Override
            public void sleep(Duration t) throws InterruptedException {
                stopped.await(t.toMillis(), TimeUnit.MILLISECONDS); // wakes at once on SIGTERM
            }

            @Override
            public RandomGenerator random() {
                return RandomGenerator.getDefault();
            }
        };
        UpdateDaemon.Reboot reboot = (dev, why) -> {
            if (dev.simulated()) {
                SimPowerCycle.run(dev.base(), dev.storage(), dev.listener(), Sleepers.REAL);
            } else {
                dev.rebooter().reboot(why);
            }
        };
        UpdateDaemon daemon = new UpdateDaemon(d, new RepositoryUpdates(Fetchers.forDevice(d), Clock.systemUTC()), s,
                env, reboot);
        try (UpdateLock single = UpdateLock.acquire(d.dataDir(), "daemon.lock")) {
            Thread hook = new Thread(() -> {
                daemon.stop();
                stopped.countDown();
                try {
                    finished.await(30, TimeUnit.SECONDS); // let the failed install record itself
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sigterm");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (once) {
                    UpdateDaemon.Cycle c = daemon.cycle();
                    d.listener().info("daemon: " + c.what());
                    d.flushReports();
                    return c.failed() ? 1 : 0;
                }
                daemon.run(d::flushReports);
                return 0;
            } finally {
                finished.countDown();
            }
        }
    }
}
