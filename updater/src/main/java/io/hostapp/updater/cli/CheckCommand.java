package io.hostapp.updater.cli;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.repo.RepositoryUpdates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code hostapp-update check}: refresh the signed metadata and say what this device would install. */
@Command(name = "check", description = {"Refresh the signed repository metadata and show the release this device",
        "would install (board, channel, rollout cohort); installs nothing."})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        Device d = device.open();
        RepositoryUpdates.Check c = new RepositoryUpdates(Fetchers.forDevice(d), Clock.systemUTC()).check(d, false, false);
        d.listener().info("running " + c.running().orElse("(unknown)") + "; " + c.decision().outcome().name()
                .toLowerCase().replace('_', ' ') + ": " + c.decision().reason());
        return 0;
    }
}
