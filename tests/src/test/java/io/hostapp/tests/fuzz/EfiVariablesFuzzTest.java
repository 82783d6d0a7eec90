package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostapp.boot.BootException;
import io.hostapp.boot.EfiBackend;
import io.hostapp.boot.Slot;
import io.hostapp.boot.efi.EfiLoadOption;
import io.hostapp.boot.efi.EfiVarFs;
import io.hostapp.boot.efi.EfiVariable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * UEFI variables as hostile bytes (efivarfs file format): {@link EfiVariable#decode}, boot number lists,
 * {@link EfiLoadOption} descriptions, and the {@link EfiBackend} verbs over a simulated efivarfs holding them.
 *
 * <p>Input: one control byte (bits 0-2: the verb), then six variables in this order: BootOrder, BootNext,
 * BootCurrent, HostappTrial, Boot0001, Boot0002, each a length byte and that many file bytes; length 255
 * means the variable does not exist. Slot a is Boot0001, slot b Boot0002.
 *
 * <p>Only {@link BootException} may escape. Checked: decode/encode round trip; every variable the backend
 * wrote decodes, and BootOrder/BootNext/HostappTrial hold whole boot numbers.
 */
class EfiVariablesFuzzTest extends FuzzTarget {
    private static final Path DIR = Path.of("/sys/firmware/efi/efivars");
    private static final String[] NAMES = {"BootOrder", "BootNext", "BootCurrent", EfiBackend.TRIAL_MARKER,
            "Boot0001", "Boot0002"};
    private static final Map<Slot, Integer> ENTRIES = Map.of(Slot.A, 1, Slot.B, 2);

    @FuzzTest(maxDuration = "20s")
    void efiVariables(byte[] bytes) {
        execution();
        FuzzInput in = new FuzzInput(bytes);
        int control = in.u8();
        MemoryBootFiles files = new MemoryBootFiles();
        Map<Path, byte[]> before = new LinkedHashMap<>();
        for (String name : NAMES) {
            int len = in.u8();
            if (len == 255) {
                continue;
            }
            byte[] content = in.chunkOf(len);
            Path file = DIR.resolve(EfiVariable.fileName(name, vendor(name)));
            files.put(file, content);
            before.put(file, content);
            decodeAlone(name, content);
        }

        EfiVarFs vars = new EfiVarFs(DIR, files, false, f -> {
            throw new IOException("not a real efivarfs");
        });
        EfiBackend backend = new EfiBackend(vars, ENTRIES);
        try {
            backend.state(Slot.A);
            backend.state(Slot.B);
            backend.fallbackReported();
            backend.primarySlot();
            backend.bootedSlot();
        } catch (BootException e) {
            // typed
        }
        try {
            switch (control & 7) {
                case 0 -> backend.tryOnce(Slot.A, 1);
                case 1 -> backend.tryOnce(Slot.B, 1);
                case 2 -> backend.markGood(Slot.A);
                case 3 -> backend.markGood(Slot.B);
                case 4 -> backend.markBad(Slot.A);
                case 5 -> backend.markBad(Slot.B);
                default -> backend.state(Slot.values()[control >> 7]);
            }
        } catch (BootException e) {
            // typed
        }
        for (String name : NAMES) {
            Path file = DIR.resolve(EfiVariable.fileName(name, vendor(name)));
            byte[] now = files.get(file);
            byte[] old = before.get(file);
            // (null checked first: Jazzer 0.24.0's Arrays.equals hook crashes the JVM on a null array)
            if (now == null || old != null && Arrays.equals(now, old)) {
                continue;
            }
            try {
                EfiVariable v = EfiVariable.decode(now);
                if (!name.startsWith("Boot0")) {
                    v.bootNumbers();
                }
            } catch (BootException e) {
                throw new AssertionError("the backend wrote " + name + " so that it does not decode: " + e.getMessage(), e);
            }
        }
    }

    private static void decodeAlone(String name, byte[] content) {
        try {
            EfiVariable v = EfiVariable.decode(content);
            Check.that(Arrays.equals(v.encode(), content), "efivar " + name + ": decode/encode changed the bytes");
            if (name.startsWith("Boot0")) {
                EfiLoadOption.description(v);
                EfiLoadOption.active(v);
            } else {
                EfiVariable again = EfiVariable.ofBootNumbers(v.bootNumbers());
                Check.that(Arrays.equals(again.data(), v.data()), "efivar " + name + ": boot numbers do not round trip");
            }
        } catch (BootException e) {
            // typed
        }
    }

    private static UUID vendor(String name) {
        return name.equals(EfiBackend.TRIAL_MARKER) ? EfiVariable.HOSTAPP : EfiVariable.GLOBAL;
    }
}
