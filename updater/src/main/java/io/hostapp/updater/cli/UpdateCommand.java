package io.hostapp.updater.cli;

import io.hostapp.manifest.rollout.ReleaseDecision;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.device.UpdateLock;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.repo.RepositoryUpdates;
import io.hostapp.updater.sim.SimPowerCycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code hostapp-update update}: check the signed repository and install what it offers this device. */
@Command(name = "update", description = {"Refresh the signed repository metadata and install the release offered",
        "to this device, streaming its payload over HTTP(S)."})
final class UpdateCommand implements Callable<Integer> {
    @Option(names = "-r", description = "Reboot when the install succeeded.")
    boolean reboot;

    @Option(names = "-n", description = "Run no hooks.")
    boolean noHooks;

    @Option(names = "-x", description = "On failure, do not run the cleanup hooks.")
    boolean noRecovery;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        Device d = device.open();
        try {
            RepositoryUpdates.Check c = new RepositoryUpdates(Fetchers.forDevice(d), Clock.systemUTC())
                    .check(d, noHooks, noRecovery);
            d.listener().info("running " + c.running().orElse("(unknown)") + "; " + c.decision().reason());
            if (c.decision().outcome() == ReleaseDecision.Outcome.DOWNGRADE_REFUSED) {
                throw new UpdateException(ExitCode.REFUSED, c.decision().reason());
            }
            if (c.install().isEmpty()) {
                return 0;
            }
            try (UpdateLock lock = UpdateLock.acquire(d.dataDir())) {
                new InstallPipeline(d).run(c.install().get());
            }
        } finally {
            d.flushReports();
        }
        if (reboot) {
            if (d.simulated()) {
                return SimPowerCycle.run(d.base(), d.storage(), d.listener(), Sleepers.REAL).exitCode().code();
            }
            d.rebooter().reboot("update installed");
        }
        return 0;
    }
}
