package io.hostapp.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostapp.boot.uboot.FwEnvConfig;
import io.hostapp.boot.uboot.UbootEnvStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UbootBackendTest {
    private static final int SIZE = 0x400;

    @TempDir
    Path dir;
    private MemoryEnvDevice dev;
    private UbootEnvStore store;
    private Path cmdline;
    private UbootBackend backend;

    @BeforeEach
    void setUp() throws Exception {
        dev = new MemoryEnvDevice(2 * SIZE, 0xff);
        store = new UbootEnvStore(FwEnvConfig.redundant("mem", 0, SIZE, SIZE), d -> dev);
        cmdline = dir.resolve("cmdline");
        Files.writeString(cmdline, "console=ttyS0 hostapp.slot=a\n");
        backend = new UbootBackend(store, new KernelCmdline(cmdline));
        UbootBackend.initialize(store, Map.of("bootcmd", "run hostapp_boot"));
    }

    private Map<String, SlotState> states() throws BootException {
        return Map.of("a", backend.state(Slot.A), "b", backend.state(Slot.B));
    }

    /** What the boot script does on a boot (the if-chain of boot.cmd), for the scenario tests. */
    private void bootloaderBoots() throws BootException {
        Map<String, String> env = store.read();
        if (!"1".equals(env.get("upgrade_available"))) {
            return;
        }
        int count = Integer.parseInt(env.get("bootcount")) + 1;
        if (count > Integer.parseInt(env.get("bootlimit"))) {
            store.update(Map.of("slot", env.get("fallback_slot"), "upgrade_available", "0", "rollback", "1",
                    "bootcount", Integer.toString(count)));
        } else {
            store.update(Map.of("bootcount", Integer.toString(count)));
        }
    }

    @Test
    void initializeWritesTheCommittedStateAndKeepsOtherVariables() throws Exception {
        Map<String, String> expect = new TreeMap<>(Map.of("bootcmd", "run hostapp_boot", "slot", "a", "fallback_slot", "a",
                "upgrade_available", "0", "bootcount", "0", "bootlimit", "3", "rollback", "0"));
        assertEquals(expect, store.read());
        assertEquals(Map.of("a", SlotState.GOOD, "b", SlotState.BAD), states());
        store.update(Map.of("bootlimit", "5", "slot", "b"));
        UbootBackend.initialize(store, BootVariables.DEFAULT, Slot.A, Map.of());
        assertEquals("5", store.read().get("bootlimit"), "a valid bootlimit is kept");
        assertEquals("run hostapp_boot", store.read().get("bootcmd"));
        assertEquals(Slot.A, backend.primarySlot());
    }

    @Test
    void trialCommitScenario() throws Exception {
        assertEquals(Slot.A, backend.bootedSlot());
        backend.markBad(Slot.B); // power-loss rule 1: before writing b; b is already not primary
        int writes = dev.writes;
        backend.markBad(Slot.B);
        assertEquals(writes, dev.writes, "nothing changes, nothing written");
        backend.tryOnce(Slot.B, 2);
        assertEquals(writes + 1, dev.writes, "tryOnce is one write");
        assertEquals(Map.of("a", SlotState.FALLBACK, "b", SlotState.TRYING), states());
        assertEquals(Slot.B, backend.primarySlot());
        Map<String, String> env = store.read();
        assertEquals("b", env.get("slot"));
        assertEquals("a", env.get("fallback_slot"));
        assertEquals("1", env.get("upgrade_available"));
        assertEquals("0", env.get("bootcount"));
        assertEquals("2", env.get("bootlimit"));
        assertEquals("0", env.get("rollback"));

        bootloaderBoots();
        Files.writeString(cmdline, "hostapp.slot=b");
        assertEquals(Slot.B, backend.bootedSlot());
        backend.markGood(Slot.B);
        assertEquals(Map.of("a", SlotState.FALLBACK, "b", SlotState.GOOD), states(), "old release stays the fallback");
        assertEquals("0", store.read().get("bootcount"));
        assertFalse(backend.fallbackReported());

        // the next install writes a: it becomes BAD first, and b has nothing to fall back to
        backend.markBad(Slot.A);
        assertEquals(Map.of("a", SlotState.BAD, "b", SlotState.GOOD), states());
        assertEquals("b", store.read().get("fallback_slot"));
        // making the idle slot primary by hand keeps the old primary as the fallback
        backend.markGood(Slot.A);
        assertEquals(Map.of("a", SlotState.GOOD, "b", SlotState.FALLBACK), states());
    }

    @Test
    void bootloaderFallbackScenario() throws Exception {
        backend.tryOnce(Slot.B, 2);
        bootloaderBoots();
        bootloaderBoots();
        assertEquals(Map.of("a", SlotState.FALLBACK, "b", SlotState.TRYING), states());
        bootloaderBoots(); // bootcount 3 > 2: back to a
        assertTrue(backend.fallbackReported());
        assertEquals(Slot.A, backend.primarySlot());
        assertEquals(Map.of("a", SlotState.GOOD, "b", SlotState.BAD), states());
        backend.markGood(Slot.A); // the agent records the rollback and clears the report
        assertFalse(backend.fallbackReported());
    }

    @Test
    void markBadDisarmsATrialOrMovesThePrimary() throws Exception {
        backend.tryOnce(Slot.B, 3);
        backend.markBad(Slot.B);
        assertEquals(Map.of("a", SlotState.GOOD, "b", SlotState.BAD), states());
        assertEquals("0", store.read().get("upgrade_available"));

        backend.tryOnce(Slot.B, 3);
        int writes = dev.writes;
        backend.markBad(Slot.A); // the fallback of a running trial: nothing else to fall back to
        assertEquals(writes, dev.writes);

        backend.markGood(Slot.B);
        backend.markBad(Slot.B);
        assertEquals(Slot.A, backend.primarySlot());
        assertEquals(SlotState.BAD, backend.state(Slot.B));

        store.update(java.util.Collections.singletonMap("slot", null));
        backend.markBad(Slot.A); // no primary in the env: make it explicit
        assertEquals(Slot.B, backend.primarySlot());
    }

    @Test
    void tryOnceRejectsBadLimitsBeforeWriting() {
        int writes = dev.writes;
        assertThrows(IllegalArgumentException.class, () -> backend.tryOnce(Slot.B, 0));
        assertThrows(IllegalArgumentException.class, () -> backend.tryOnce(Slot.B, 10));
        assertEquals(writes, dev.writes);
    }

    @Test
    void configurableNamesAndSlotValues() throws Exception {
        BootVariables mender = BootVariables.fromMap(Map.of("slot", "mender_boot_part", "slot_a_value", "2",
                "slot_b_value", "3"));
        MemoryEnvDevice d = new MemoryEnvDevice(2 * SIZE, 0xff);
        UbootEnvStore s = new UbootEnvStore(FwEnvConfig.redundant("mem", 0, SIZE, SIZE), x -> d);
        UbootBackend.initialize(s, mender, Slot.A, Map.of());
        UbootBackend m = new UbootBackend(s, mender, new KernelCmdline(cmdline));
        m.tryOnce(Slot.B, 3);
        assertEquals("3", s.read().get("mender_boot_part"));
        assertEquals("2", s.read().get("fallback_slot"));
        assertEquals(SlotState.TRYING, m.state(Slot.B));
        assertFalse(s.read().containsKey("slot"));
        assertThrows(IllegalArgumentException.class, () -> BootVariables.fromMap(Map.of("bogus", "x")));
        assertThrows(IllegalArgumentException.class, () -> BootVariables.fromMap(Map.of("rollback", "slot")));
        assertThrows(IllegalArgumentException.class, () -> BootVariables.fromMap(Map.of("slot_b_value", "A")));
        assertEquals(BootVariables.DEFAULT, BootVariables.fromMap(BootVariables.DEFAULT.asMap()));
    }

    @Test
    void errorsCarryTheBackendPrefix() throws Exception {
        store.update(Map.of("slot", "c"));
        assertEquals("uboot backend: slot='c' names neither slot a ('a') nor b ('b')",
                assertThrows(BootException.class, backend::primarySlot).getMessage());
        store.update(java.util.Collections.singletonMap("slot", null));
        assertEquals("uboot backend: variable slot is not set",
                assertThrows(BootException.class, backend::primarySlot).getMessage());
        java.util.Arrays.fill(dev.bytes(), (byte) 0);
        assertEquals("uboot backend: uboot env: no valid copy (copy 1: CRC mismatch, copy 2: CRC mismatch)",
                assertThrows(BootException.class, () -> backend.state(Slot.A)).getMessage());
        Files.writeString(cmdline, "quiet");
        assertTrue(assertThrows(BootException.class, backend::bootedSlot).getMessage()
                .startsWith("uboot backend: kernel cmdline ("));
        assertEquals("uboot", backend.name());
    }
}
