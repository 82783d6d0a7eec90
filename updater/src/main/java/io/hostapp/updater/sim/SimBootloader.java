package io.hostapp.updater.sim;

import io.hostapp.boot.BootException;
import io.hostapp.boot.KernelCmdline;
import io.hostapp.boot.Slot;
import io.hostapp.boot.UbootVariables;
import io.hostapp.boot.uboot.UbootEnvStore;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.BootBackends;
import io.hostapp.updater.device.Device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bootloader side of DESIGN.md's scheme, run against a simulated device's env exactly as the U-Boot
 * {@code boot.cmd} runs it on hardware:
 * <pre>
 *   env unreadable (both copies bad)  → built-in defaults: slot a, no trial
 *   upgrade_available = 1             → bootcount += 1
 *       bootcount &gt; bootlimit         → slot = fallback_slot, upgrade_available = 0, bootcount = 0, rollback = 1
 *   save env (only when it changed)   → boot `slot`, telling the kernel: hostapp.slot=SLOT root=ROOT
 * </pre>
 * Counters stay single decimal digits (bootlimit 1..9), as U-Boot's hex {@code setexpr} requires.
 */
public final class SimBootloader {
    /** One boot's decision, for the transcript. */
    public record Boot(Slot slot, int bootcount, int bootlimit, boolean trial, boolean fellBack, boolean envDefaulted) {
    }

    private SimBootloader() {
    }

    public static Boot boot(Device d) throws UpdateException {
        UbootEnvStore store = BootBackends.ubootStore(d);
        UbootVariables v = BootBackends.ubootVariables(d.board());
        Map<String, String> env;
        boolean defaulted = false;
        try {
            env = new LinkedHashMap<>(store.read());
        } catch (BootException e) {
            // U-Boot prints "*** Warning - bad CRC, using default environment" and carries on.
            env = new LinkedHashMap<>(Map.of(v.slot(), v.valueOf(Slot.A), v.upgradeAvailable(), "0"));
            defaulted = true;
        }
        Map<String, String> before = Map.copyOf(env);
        Slot slot = v.slotOf(env.get(v.slot()));
        if (slot == null) {
            slot = Slot.A;
        }
        boolean trial = "1".equals(env.get(v.upgradeAvailable()));
        boolean fellBack = false;
        int count = digit(env.get(v.bootcount()), 0);
        int limit = digit(env.get(v.bootlimit()), d.board().bootloader().bootLimit());
        if (trial) {
            count++;
            if (count > limit) {
                Slot fb = v.slotOf(env.get(v.fallbackSlot()));
                slot = fb != null ? fb : slot.other();
                env.put(v.slot(), v.valueOf(slot));
                env.put(v.upgradeAvailable(), "0");
                count = 0;
                env.put(v.rollback(), "1");
                fellBack = true;
            }
            env.put(v.bootcount(), Integer.toString(count));
        }
        if (!defaulted && !env.equals(before)) {
            try {
                store.write(env);
            } catch (BootException e) {
                throw new UpdateException(ExitCode.BOOTLOADER, "simulated bootloader: " + e.getMessage(), e);
            }
        }
        writeCmdline(d, slot);
        return new Boot(slot, count, limit, trial && !fellBack, fellBack, defaulted);
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

    /** A single decimal digit, as the boot script keeps it; anything else reads as {@code dflt}. */
    private static int digit(String s, int dflt) {
        return s != null && s.length() == 1 && Character.isDigit(s.charAt(0)) ? s.charAt(0) - '0' : dflt;
    }
}
