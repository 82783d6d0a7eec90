package io.hostapp.updater.sim;

import io.hostapp.boot.KernelCmdline;
import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.device.Device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The bootloader of a simulated device, one per backend, chosen from the board like the agent's backend:
 * <pre>
 * uboot    SimUboot     boot.cmd's counting over the U-Boot env (single or redundant copies)
 * grub     SimGrub      hostapp.cfg's counting over the grubenv, load_env / save_env rules
 * tryboot  SimTryboot   the Raspberry Pi bootloader: autoboot.txt and the one-shot tryboot reboot flag
 * efi      SimEfi       the UEFI boot manager: BootNext once (deleted), else BootOrder; BootCurrent
 * custom   SimCustom    a bootloader counting in the state file of the example custom program
 * </pre>
 * Each boot ends with the kernel command line of the booted slot ({@code hostapp.slot=SLOT root=ROOT}), where
 * the U-Boot, GRUB and custom backends read the booted slot.
 */
public final class SimBootloader {
    /**
     * One boot's decision, for the transcript.
     *
     * @param bootcount    the trial's boot count after this boot (one-shot firmware: 1 for the trial boot)
     * @param bootlimit    boots a trial may take (one-shot firmware: 1)
     * @param trial        this boot is a trial of a new slot
     * @param fellBack     the bootloader fell back on this boot (counting bootloaders)
     * @param envDefaulted the bootloader storage was unreadable: built-in defaults, slot a
     */
    public record Boot(Slot slot, int bootcount, int bootlimit, boolean trial, boolean fellBack, boolean envDefaulted) {
        /** "bootloader selects slot b (trial, bootcount 1/3)". */
        public String describe() {
            return "bootloader selects slot " + slot
                    + (envDefaulted ? " (bootloader storage unreadable: built-in defaults)" : "")
                    + (trial ? " (trial, bootcount " + bootcount + "/" + bootlimit + ")" : "")
                    + (fellBack ? " (FALLBACK: bootcount exceeded bootlimit " + bootlimit + ", rollback=1)" : "");
        }
    }

    private SimBootloader() {
    }

    /** A power-on after a plain reboot, reset or power cut. */
    public static Boot boot(Device d) throws UpdateException {
        return boot(d, Optional.empty());
    }

    /** A power-on after a reboot that carried {@code rebootArgument} (e.g. {@code "0 tryboot"}). */
    public static Boot boot(Device d, Optional<String> rebootArgument) throws UpdateException {
        Boot b = firmware(d.board()).boot(d, rebootArgument);
        writeCmdline(d, b.slot());
        return b;
    }

    /** Creates the bootloader storage of a fresh simulated device, committed on slot a, booted from slot a. */
    public static void create(Device d) throws UpdateException {
        firmware(d.board()).create(d);
        writeCmdline(d, Slot.A);
    }

    static SimFirmware firmware(Board b) throws UpdateException {
        Board.BootloaderParams p = b.bootloader().params();
        if (p instanceof Board.UbootParams) {
            return new SimUboot();
        } else if (p instanceof Board.GrubParams) {
            return new SimGrub();
        } else if (p instanceof Board.TrybootParams) {
            return new SimTryboot();
        } else if (p instanceof Board.EfiParams) {
            return new SimEfi();
        } else if (p instanceof Board.CustomParams) {
            return new SimCustom();
        }
        throw new UpdateException(ExitCode.CONFIG, "board " + b.name() + ": no simulated bootloader for type '"
                + b.bootloader().type() + "'");
    }

    /** What the kernel command line of the booted slot says (where the agent reads the booted slot). */
    static void writeCmdline(Device d, Slot slot) throws UpdateException {
        String root = d.board().slots().get(slot).root();
        String line = "console=ttyS0 " + KernelCmdline.SLOT_PARAM + "=" + slot.id()
                + (root != null ? " root=" + root : "") + " rootwait ro\n";
        try {
            Files.writeString(d.resolve(d.board().cmdline()), line, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "simulated kernel command line: " + e.getMessage(), e);
        }
    }
}
