package io.hostapp.updater.sim;

import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.boot.efi.EfiLoadOption;
import io.hostapp.boot.efi.EfiVarFs;
import io.hostapp.boot.efi.EfiVariable;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.device.BootBackends;
import io.hostapp.updater.device.Device;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UEFI boot manager rules (EFI.md), against an efivarfs-format directory: {@code BootNext}, when set, is
 * deleted and its entry booted once; otherwise the first active entry of {@code BootOrder}. The entry started
 * is reported in the volatile {@code BootCurrent}. No usable entry: slot a (as a firmware's removable-media
 * fallback path would).
 */
final class SimEfi implements SimFirmware {
    /** BootCurrent is volatile: boot-service and runtime access, not non-volatile. */
    private static final int VOLATILE = EfiVariable.BOOTSERVICE_ACCESS | EfiVariable.RUNTIME_ACCESS;

    @Override
    public void create(Device d) throws UpdateException {
        Map<Slot, Integer> entries = params(d).bootEntries();
        EfiVarFs vars = BootBackends.efiVars(d);
        try {
            Files.createDirectories(vars.dir());
            for (Slot s : Slot.values()) {
                vars.write("Boot" + EfiVariable.hex4(entries.get(s)), EfiVariable.GLOBAL,
                        EfiLoadOption.of("hostapp slot " + s, "\\EFI\\hostapp\\slot-" + s + ".efi"));
            }
            vars.write("BootOrder", EfiVariable.GLOBAL, EfiVariable.ofBootNumbers(List.of(entries.get(Slot.A))));
            report(vars, entries.get(Slot.A));
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "simulated EFI firmware: " + e.getMessage(), e);
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, "simulated EFI firmware: " + e.getMessage(), e);
        }
    }

    @Override
    public SimBootloader.Boot boot(Device d, Optional<String> rebootArgument) throws UpdateException {
        Map<Slot, Integer> entries = params(d).bootEntries();
        EfiVarFs vars = BootBackends.efiVars(d);
        try {
            Integer chosen = null;
            boolean viaNext = false;
            Optional<EfiVariable> next = vars.read("BootNext", EfiVariable.GLOBAL);
            if (next.isPresent()) {
                vars.delete("BootNext", EfiVariable.GLOBAL); // one-shot: gone before the entry starts
                List<Integer> n = next.get().bootNumbers();
                if (n.size() == 1 && bootable(vars, n.get(0))) {
                    chosen = n.get(0);
                    viaNext = true;
                }
            }
            if (chosen == null) {
                Optional<EfiVariable> order = vars.read("BootOrder", EfiVariable.GLOBAL);
                for (int n : order.isPresent() ? order.get().bootNumbers() : List.<Integer>of()) {
                    if (bootable(vars, n)) {
                        chosen = n;
                        break;
                    }
                }
            }
            boolean defaulted = chosen == null;
            if (defaulted) {
                chosen = entries.get(Slot.A);
            }
            report(vars, chosen);
            Slot slot = null;
            for (Map.Entry<Slot, Integer> e : entries.entrySet()) {
                if (e.getValue().intValue() == chosen) {
                    slot = e.getKey();
                }
            }
            if (slot == null) {
                throw new UpdateException(ExitCode.BOOTLOADER, "simulated EFI firmware: Boot"
                        + EfiVariable.hex4(chosen) + " boots neither slot");
            }
            return new SimBootloader.Boot(slot, viaNext ? 1 : 0, 1, viaNext, false, defaulted);
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, "simulated EFI firmware: " + e.getMessage(), e);
        }
    }

    private static boolean bootable(EfiVarFs vars, int entry) throws BootException {
        Optional<EfiVariable> v = vars.read("Boot" + EfiVariable.hex4(entry), EfiVariable.GLOBAL);
        return v.isPresent() && EfiLoadOption.active(v.get());
    }

    private static void report(EfiVarFs vars, int entry) throws BootException {
        vars.write("BootCurrent", EfiVariable.GLOBAL,
                new EfiVariable(VOLATILE, EfiVariable.ofBootNumbers(List.of(entry)).data()));
    }

    private static Board.EfiParams params(Device d) {
        return (Board.EfiParams) d.board().bootloader().params();
    }
}
