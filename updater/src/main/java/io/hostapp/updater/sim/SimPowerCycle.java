package io.hostapp.updater.sim;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.device.SimulatedReboot;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.health.HealthCheckRunner;
import io.hostapp.updater.lifecycle.BootCheck;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code hostapp-update sim boot DIR}: power-cycles a simulated device. Each boot runs the simulated
 * bootloader, then the agent's boot-time step ({@code boot-check}) just as its systemd unit would; when
 * boot-check asks for a reboot (a rollback), the device boots again, up to {@link #MAX_BOOTS} times.
 */
public final class SimPowerCycle {
    /** Boots per call before giving up: a reboot loop must not hang the caller. */
    public static final int MAX_BOOTS = 12;

    private SimPowerCycle() {
    }

    /** Boots until the device stops asking for reboots; returns the last boot-check's result. */
    public static BootCheck.Result run(Path dir, Storage storage, UpdateListener listener,
                                       HealthCheckRunner.Sleeper sleeper) throws UpdateException {
        BootCheck.Result last = null;
        for (int boot = 1; boot <= MAX_BOOTS; boot++) {
            Device d = Device.openSimulated(dir, storage, listener);
            SimBootloader.Boot b = SimBootloader.boot(d);
            listener.info("=== simulated boot: bootloader selects slot " + b.slot()
                    + (b.envDefaulted() ? " (env unreadable: default environment)" : "")
                    + (b.trial() ? " (trial, bootcount " + b.bootcount() + "/" + b.bootlimit() + ")" : "")
                    + (b.fellBack() ? " (FALLBACK: bootcount exceeded bootlimit " + b.bootlimit() + ", rollback=1)" : ""));
            last = new BootCheck(d, sleeper).run();
            listener.info("boot-check: " + last.message());
            String why;
            try {
                why = SimulatedReboot.take(dir);
            } catch (IOException e) {
                throw new UpdateException(ExitCode.FAILURE, dir + ": " + e.getMessage(), e);
            }
            if (why == null) {
                return last;
            }
            listener.info("=== simulated reboot (" + why + ")");
        }
        throw new UpdateException(ExitCode.FAILURE, dir + ": still rebooting after " + MAX_BOOTS + " boots");
    }
}
