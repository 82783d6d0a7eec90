package io.hostapp.updater.cli;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.lifecycle.BootCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code hostapp-update boot-check}: the boot-time step its systemd unit runs before applications start. */
@Command(name = "boot-check", description = {"Boot-time step: after a trial boot run the health checks and commit, or roll back;",
        "record a bootloader fallback; resume whatever a power cut interrupted."})
final class BootCheckCommand implements Callable<Integer> {
    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        return Verbs.locked(device, d -> new BootCheck(d, Sleepers.REAL).run());
    }
}
