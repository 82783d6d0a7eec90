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
        @Option(names = "--board", required = true, paramLabel = "NAME|FILE", description = "Board name (e.g. sim-uboot) or board file.")
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
                description = "The booted OS dies before boot-check N times (a kernel that never comes up): only the bootloader runs.")
        int crash;

        @Parameters(paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() throws UpdateException {
            UpdateListener out = DeviceOptions.console();
            DiskStorage storage = new DiskStorage();
            for (int i = 0; i < crash; i++) {
                SimBootloader.Boot b = SimBootloader.boot(Device.openSimulated(dir, storage, out));
                out.info("=== simulated boot: bootloader selects slot " + b.slot()
                        + (b.trial() ? " (trial, bootcount " + b.bootcount() + "/" + b.bootlimit() + ")" : "")
                        + (b.fellBack() ? " (FALLBACK, rollback=1)" : "") + "; the OS crashes before boot-check");
            }
            BootCheck.Result r = SimPowerCycle.run(dir, storage, out, Sleepers.REAL);
            return r.exitCode().code();
        }
    }
}
