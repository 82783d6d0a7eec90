package io.hostapp.updater.sim;

import io.hostapp.boot.BootException;
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
import java.util.Optional;

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

    /**
     * The agent reboots the device (as {@code -r} or a daemon would), then boots until the device stops asking
     * for reboots; returns the last boot-check's result.
     */
    public static BootCheck.Result run(Path dir, Storage storage, UpdateListener listener,
                                       HealthCheckRunner.Sleeper sleeper) throws UpdateException {
        return run(dir, storage, listener, sleeper, true);
    }

    /**
     * Boots until the device stops asking for reboots. {@code agentReboot}: the first boot follows a reboot by
     * the agent, which asks the backend for its reboot argument (tryboot's {@code "0 tryboot"}); false: it
     * follows a reset or power cut (e.g. after a crashed boot), which carries none.
     */
    public static BootCheck.Result run(Path dir, Storage storage, UpdateListener listener,
                                       HealthCheckRunner.Sleeper sleeper, boolean agentReboot) throws UpdateException {
        BootCheck.Result last = null;
        boolean viaAgent = agentReboot;
        for (int boot = 1; boot <= MAX_BOOTS; boot++) {
            Optional<String> arg = viaAgent ? rebootArgument(Device.openSimulated(dir, storage, listener))
                    : Optional.empty();
            Device d = Device.openSimulated(dir, storage, listener);
            SimBootloader.Boot b = SimBootloader.boot(d, arg);
            listener.info("=== simulated boot" + arg.map(a -> " (reboot \"" + a + "\")").orElse("") + ": "
                    + b.describe());
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
            viaAgent = true;
        }
        throw new UpdateException(ExitCode.FAILURE, dir + ": still rebooting after " + MAX_BOOTS + " boots");
    }

    /** What the agent's rebooter asks the backend before it reboots (see {@code BootBackend.prepareReboot}). */
    public static Optional<String> rebootArgument(Device d) throws UpdateException {
        try {
            return d.boot().prepareReboot();
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
    }
}
