package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostapp.boot.BootException;
import io.hostapp.boot.BootVariables;
import io.hostapp.boot.KernelCmdline;
import io.hostapp.boot.Slot;
import io.hostapp.boot.UbootBackend;
import io.hostapp.boot.uboot.FwEnvConfig;
import io.hostapp.boot.uboot.UbootEnv;
import io.hostapp.boot.uboot.UbootEnvStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The U-Boot env as hostile bytes: {@code fw_env.config} text ({@link FwEnvConfig#parse}), the env copies
 * on the device ({@link UbootEnv} via {@link UbootEnvStore}), and the backend verbs over them
 * ({@link UbootBackend}).
 *
 * <p>Input: one control byte (bit 0/1: the harness fixes copy 1's/2's CRC so mutations get past it;
 * bits 2-3: the config used when the text does not parse; bits 4-6: the verb), the config text up to a NUL,
 * then the device bytes (each device named by the config holds them).
 *
 * <p>Only {@link BootException} may escape. Checked: a valid copy re-encodes to the same variables; every
 * write is exactly one env copy of the config, never the active copy of a redundant env; after a verb that
 * succeeded the env reads back valid.
 */
class UbootEnvFuzzTest extends FuzzTarget {
    private static final List<FwEnvConfig> DEFAULTS = List.of(
            FwEnvConfig.single("env", 0, 0x40),
            FwEnvConfig.redundant("env", 0, 0x40, 0x40),
            FwEnvConfig.redundant("env", 0, 0x100, 0x100),
            FwEnvConfig.of(List.of(new FwEnvConfig.Copy("env1", 0, 0x80), new FwEnvConfig.Copy("env2", 0, 0x80))));
    /** The verbs are skipped for envs larger than this: an encode allocates envsize bytes. */
    private static final int MAX_WRITTEN_ENV = 0x10000;

    @FuzzTest(maxDuration = "20s")
    void ubootEnv(byte[] bytes) {
        execution();
        FuzzInput in = new FuzzInput(bytes);
        int control = in.u8();
        String text = new String(in.until((byte) 0), StandardCharsets.ISO_8859_1);
        FwEnvConfig config;
        try {
            config = FwEnvConfig.parse(text, "fw_env.config");
            Check.that(FwEnvConfig.parse(config.toConfigText(), "again").equals(config),
                    "fw_env.config round trip changed the config: " + config);
        } catch (BootException e) {
            config = DEFAULTS.get((control >> 2) & 3);
        }
        byte[] device = in.rest();

        Map<String, byte[]> contents = new HashMap<>();
        for (FwEnvConfig.Copy c : config.copies()) {
            contents.putIfAbsent(c.device(), device.clone());
        }
        for (int i = 0; i < config.copies().size(); i++) {
            if ((control & (1 << i)) != 0) {
                fixCrc(contents.get(config.copies().get(i).device()), config.copies().get(i), config.redundant());
            }
        }
        Map<String, MemoryEnvDevice> devices = new HashMap<>();
        contents.forEach((path, content) -> devices.put(path, new MemoryEnvDevice(content)));
        UbootEnvStore store = new UbootEnvStore(config, devices::get);

        UbootEnvStore.Snapshot before = store.inspect();
        UbootEnv codec = new UbootEnv(config.envSize(), config.redundant());
        for (UbootEnvStore.CopyStatus c : before.copies()) {
            if (c.valid() && config.envSize() <= MAX_WRITTEN_ENV) {
                try {
                    UbootEnv.Decoded again = codec.decode(codec.encode(c.vars(), c.flags()));
                    Check.that(again.valid() && again.vars().equals(c.vars()),
                            "copy " + c.number() + " does not survive decode/encode/decode: " + c.vars());
                } catch (BootException e) {
                    throw new AssertionError("a valid copy " + c.number() + " cannot be re-encoded: " + e.getMessage(), e);
                }
            }
        }

        UbootBackend backend = new UbootBackend(store, BootVariables.DEFAULT,
                new KernelCmdline(Path.of("/nonexistent/cmdline"), Map.of(Slot.A, List.of(), Slot.B, List.of())));
        for (Slot s : Slot.values()) {
            try {
                backend.state(s);
            } catch (BootException expected) {
                // typed
            }
        }
        try {
            backend.primarySlot();
            backend.fallbackReported();
        } catch (BootException expected) {
            // typed
        }
        if (config.envSize() > MAX_WRITTEN_ENV) {
            return;
        }
        int verb = (control >> 4) & 7;
        boolean ok;
        try {
            switch (verb) {
                case 0 -> store.read();
                case 1 -> backend.tryOnce(Slot.A, 3);
                case 2 -> backend.tryOnce(Slot.B, 1);
                case 3 -> backend.markGood(Slot.A);
                case 4 -> backend.markGood(Slot.B);
                case 5 -> backend.markBad(Slot.A);
                case 6 -> backend.markBad(Slot.B);
                default -> UbootBackend.initialize(store, BootVariables.DEFAULT, Slot.B, Map.of("bootcmd", "run hostapp"));
            }
            ok = true;
        } catch (BootException e) {
            ok = false;
        }

        // Every write is one whole env copy, and never the copy that was active (power-loss rule 5).
        int writes = 0;
        for (Map.Entry<String, MemoryEnvDevice> d : devices.entrySet()) {
            for (MemoryEnvDevice.Write w : d.getValue().writes()) {
                writes++;
                int copy = copyAt(config, d.getKey(), w);
                Check.that(copy != 0, "write " + w + " on " + d.getKey() + " is not an env copy of " + config);
                Check.that(!config.redundant() || before.active() == 0 || copy != before.active(),
                        "write " + w + " went to the active copy " + copy);
            }
        }
        Check.that(writes <= 1, writes + " env writes for one verb");
        if (ok && writes == 1) {
            try {
                store.read();
            } catch (BootException e) {
                throw new AssertionError("the env written by verb " + verb + " does not read back: " + e.getMessage(), e);
            }
        }
    }

    /** Which copy (1, 2) of {@code config} the write covers exactly; 0 when none. */
    private static int copyAt(FwEnvConfig config, String device, MemoryEnvDevice.Write w) {
        for (int i = 0; i < config.copies().size(); i++) {
            FwEnvConfig.Copy c = config.copies().get(i);
            if (c.device().equals(device) && c.offset() == w.offset() && c.envSize() == w.length()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Writes the right CRC into {@code copy} if the device holds all of it. */
    private static void fixCrc(byte[] device, FwEnvConfig.Copy copy, boolean redundant) {
        long end = copy.offset() + copy.envSize();
        if (copy.offset() < 0 || end > device.length || end < 0) {
            return;
        }
        int off = (int) copy.offset();
        int header = redundant ? UbootEnv.REDUNDANT_HEADER : UbootEnv.SINGLE_HEADER;
        long crc = UbootEnv.crc(device, off + header, off + copy.envSize());
        for (int i = 0; i < 4; i++) {
            device[off + i] = (byte) (crc >>> (8 * i));
        }
    }
}
