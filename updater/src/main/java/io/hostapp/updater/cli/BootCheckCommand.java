package io.hostapp.updater.cli;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.device.UpdateLock;
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
        Device d = device.open(DeviceOptions.console());
        BootCheck.Result r;
        try (UpdateLock lock = UpdateLock.acquire(d.dataDir())) {
            r = new BootCheck(d, Sleepers.REAL).run();
        }
        System.out.println("hostapp-update: boot-check: " + r.message());
        return r.exitCode().code();
    }
}
