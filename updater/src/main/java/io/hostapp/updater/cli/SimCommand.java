package io.hostapp.updater.cli;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.lifecycle.BootCheck;
import io.hostapp.updater.sim.SimBootloader;
import io.hostapp.updater.sim.SimPowerCycle;
import io.hostapp.updater.sim.SimulatedDevice;
import io.hostapp.updater.storage.DiskStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code hostapp-update sim create|boot}: the simulated A/B device. */
@Command(name = "sim", description = "Simulated A/B devices: create one, power-cycle it.",
        subcommands = {SimCommand.Create.class, SimCommand.Boot.class})
final class SimCommand {

    @Command(name = "create", description = "Create a simulated device in DIR with IMAGE in slot a.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--board", required = true, paramLabel = "NAME|FILE",
                description = "Simulated board: sim-uboot, sim-grub, sim-tryboot, sim-efi, sim-custom, or a board file.")
        String board;

        @Option(names = "--image", required = true, paramLabel = "FILE", description = "Initial image for slot a.")
        Path image;

        @Option(names = "--release", paramLabel = "VERSION", description = "Release name of the initial image.")
        String release;

        @Parameters(paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() throws UpdateException {
            SimulatedDevice.create(board, dir, image, Optional.ofNullable(release), new DiskStorage(),
                    DeviceOptions.console());
            return 0;
        }
    }

    @Command(name = "boot", description = {"Power-cycle the simulated device in DIR: run the bootloader side of the",
            "boot-counting scheme, then the agent's boot-check; boot again while it asks for a reboot."})
    static final class Boot implements Callable<Integer> {
        @Option(names = "--crash", paramLabel = "N", defaultValue = "0",
                description = {"The booted OS dies before boot-check N times (a kernel that never comes up): only the",
                        "bootloader runs, and each crash resets the device (no reboot argument such as tryboot)."})
        int crash;

        @Parameters(paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() throws UpdateException {
            UpdateListener out = DeviceOptions.console();
            DiskStorage storage = new DiskStorage();
            for (int i = 0; i < crash; i++) {
                // the first boot follows the agent's reboot; the others follow the crash's reset
                Optional<String> arg = i == 0 ? SimPowerCycle.rebootArgument(Device.openSimulated(dir, storage, out))
                        : Optional.empty();
                SimBootloader.Boot b = SimBootloader.boot(Device.openSimulated(dir, storage, out), arg);
                out.info("=== simulated boot" + arg.map(a -> " (reboot \"" + a + "\")").orElse("") + ": "
                        + b.describe() + "; the OS crashes before boot-check");
            }
            BootCheck.Result r = SimPowerCycle.run(dir, storage, out, Sleepers.REAL, crash == 0);
            return r.exitCode().code();
        }
    }
}
