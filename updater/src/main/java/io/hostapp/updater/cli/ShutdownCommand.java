package io.hostapp.updater.cli;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.lifecycle.PlannedShutdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code hostapp-update shutdown}: run at a clean shutdown, so a planned reboot during a trial does not count. */
@Command(name = "shutdown", description = {"Run at a clean shutdown (systemd ExecStop): during a trial, reset the",
        "boot count so a planned reboot is not counted as a failed boot."})
final class ShutdownCommand implements Callable<Integer> {
    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        return Verbs.locked(device, PlannedShutdown::run);
    }
}
