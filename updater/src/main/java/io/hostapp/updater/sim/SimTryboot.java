package io.hostapp.updater.sim;

import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.boot.TrybootBackend;
import io.hostapp.boot.tryboot.AutobootTxt;
import io.hostapp.boot.tryboot.BootloaderProperties;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.device.BootBackends;
import io.hostapp.updater.device.Device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The Raspberry Pi bootloader's tryboot rules (TRYBOOT.md): a reboot carrying {@code tryboot} sets a one-shot
 * flag that the bootloader clears before it starts the OS; with the flag and {@code tryboot_a_b=1} it boots
 * the {@code [tryboot]} partition, otherwise the {@code [all]} one. A missing or unreadable autoboot.txt boots
 * the default partition (slot a). It reports the boot in the device tree ({@code partition}, {@code tryboot}).
 */
final class SimTryboot implements SimFirmware {

    @Override
    public void create(Device d) throws UpdateException {
        Board.TrybootParams t = params(d);
        try {
            Files.createDirectories(d.resolve(t.autoboot()).toAbsolutePath().getParent());
            TrybootBackend.initialize(d.resolve(t.autoboot()), BootBackends.files(d), t.partitions(), Slot.A);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "simulated tryboot: " + e.getMessage(), e);
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
        report(d, t.partitions().get(Slot.A), false);
    }

    @Override
    public SimBootloader.Boot boot(Device d, Optional<String> rebootArgument) throws UpdateException {
        Board.TrybootParams t = params(d);
        boolean flag = rebootArgument.map(a -> a.matches("(.*\\s)?tryboot(\\s.*)?")).orElse(false);
        AutobootTxt txt = null;
        try {
            txt = AutobootTxt.parse(BootBackends.files(d).read(d.resolve(t.autoboot())));
        } catch (IOException | BootException e) {
            // no usable autoboot.txt: the default partition
        }
        int partition = t.partitions().get(Slot.A);
        boolean defaulted = txt == null;
        int committed = partition;
        try {
            if (txt != null) {
                committed = txt.partition("all").orElse(partition);
                partition = committed;
                if (flag && txt.get("all", "tryboot_a_b").orElse("0").equals("1")) {
                    partition = txt.partition("tryboot").orElse(committed);
                }
            }
        } catch (BootException e) {
            defaulted = true;
        }
        report(d, partition, flag);
        Slot slot = null;
        for (Map.Entry<Slot, Integer> e : t.partitions().entrySet()) {
            if (e.getValue() == partition) {
                slot = e.getKey();
            }
        }
        if (slot == null) {
            throw new UpdateException(ExitCode.BOOTLOADER, "simulated tryboot: boot partition " + partition
                    + " holds neither slot (a: " + t.partitions().get(Slot.A) + ", b: " + t.partitions().get(Slot.B) + ")");
        }
        boolean trial = flag && partition != committed;
        return new SimBootloader.Boot(slot, trial ? 1 : 0, 1, trial, false, defaulted);
    }

    /** The firmware's device-tree report of this boot. */
    private static void report(Device d, int partition, boolean tryboot) throws UpdateException {
        Path dt = d.resolve(params(d).deviceTree());
        try {
            Files.createDirectories(dt);
            Files.write(dt.resolve("partition"), BootloaderProperties.encodeCell(partition));
            Files.write(dt.resolve("tryboot"), BootloaderProperties.encodeCell(tryboot ? 1 : 0));
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "simulated tryboot: device tree: " + e.getMessage(), e);
        }
    }

    private static Board.TrybootParams params(Device d) {
        return (Board.TrybootParams) d.board().bootloader().params();
    }
}
