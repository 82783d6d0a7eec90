package io.hostapp.boot.uboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostapp.boot.BootException;
import io.hostapp.boot.FileEnvDevice;
import io.hostapp.boot.MemoryEnvDevice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UbootEnvStoreTest {
    private static final int SIZE = 0x100;

    private final MemoryEnvDevice dev = new MemoryEnvDevice(2 * SIZE, 0xff);
    private final UbootEnvStore store = new UbootEnvStore(FwEnvConfig.redundant("mem", 0, SIZE, SIZE), d -> dev);
    private final UbootEnv codec = new UbootEnv(SIZE, true);

    /** Puts a copy with {@code flags} and {@code who=<value>} directly on the device. */
    private void put(int copy, int flags, String who) throws Exception {
        System.arraycopy(codec.encode(Map.of("who", who), flags), 0, dev.bytes(), (copy - 1) * SIZE, SIZE);
    }

    private int flagsOf(int copy) {
        return dev.bytes()[(copy - 1) * SIZE + 4] & 0xff;
    }

    @Test
    void blankAreaFirstWriteGoesToCopy2WithFlags0ThenAlternates() throws Exception {
        BootException e = assertThrows(BootException.class, store::read);
        assertEquals("uboot env: no valid copy (copy 1: CRC mismatch, copy 2: CRC mismatch)", e.getMessage());
        store.write(Map.of("n", "0"));
        assertEquals(2, store.inspect().active());
        assertEquals(0, flagsOf(2));
        assertEquals(0xff, flagsOf(1), "copy 1 untouched");
        // the libubootenv sequence: copy2=0, copy1=1, copy2=2, copy1=3, ...
        for (int i = 1; i <= 6; i++) {
            store.update(Map.of("n", Integer.toString(i)));
            int expectCopy = i % 2 == 1 ? 1 : 2;
            UbootEnvStore.Snapshot s = store.inspect();
            assertEquals(expectCopy, s.active(), "write " + i);
            assertEquals(i, flagsOf(expectCopy));
            assertEquals(Integer.toString(i), store.read().get("n"));
            assertEquals(Integer.toString(i - 1), s.copies().get(2 - expectCopy).vars().get("n"), "old copy kept");
        }
    }

    @Test
    void activeCopyRules() throws Exception {
        put(1, 9, "copy1");
        put(2, 3, "copy2");
        assertEquals("copy1", store.read().get("who"), "larger flags wins");
        put(1, 255, "copy1");
        put(2, 0, "copy2");
        assertEquals("copy2", store.read().get("who"), "0 is newer than 255");
        put(1, 0, "copy1");
        put(2, 255, "copy2");
        assertEquals("copy1", store.read().get("who"), "0 is newer than 255, either way round");
        put(1, 7, "copy1");
        put(2, 7, "copy2");
        assertEquals("copy1", store.read().get("who"), "equal flags: copy 1");
        put(1, 254, "copy1");
        put(2, 255, "copy2");
        assertEquals("copy2", store.read().get("who"));
        assertTrue(UbootEnvStore.newer(1, 2));
        assertFalse(UbootEnvStore.newer(2, 1));
        assertFalse(UbootEnvStore.newer(0, 255));
    }

    @Test
    void flagsWrapFrom255To0() throws Exception {
        put(1, 254, "old");
        put(2, 255, "new");
        store.update(Map.of("who", "wrapped"));
        assertEquals(1, store.inspect().active());
        assertEquals(0, flagsOf(1));
        assertEquals("wrapped", store.read().get("who"));
        store.update(Map.of("who", "after"));
        assertEquals(2, store.inspect().active());
        assertEquals(1, flagsOf(2));
    }

    @Test
    void corruptNewerCopyFallsBackToOlderAndIsOverwrittenNext() throws Exception {
        put(1, 4, "older");
        put(2, 5, "newer");
        dev.bytes()[SIZE + 8] ^= 0x01;
        UbootEnvStore.Snapshot s = store.inspect();
        assertEquals(1, s.active());
        assertEquals("copy 2: CRC mismatch", s.problems());
        assertEquals("older", store.read().get("who"));
        store.update(Map.of("who", "repaired"));
        assertEquals(2, store.inspect().active());
        assertEquals(5, flagsOf(2), "older.flags + 1");
        assertEquals("older", store.inspect().copies().get(0).vars().get("who"));
    }

    @Test
    void tornWriteLeavesTheOldOrTheNewEnvNeverNone() throws Exception {
        String newValue = "torn-" + "x".repeat(100);
        for (int cut = 0; cut < SIZE; cut += 7) {
            MemoryEnvDevice d = new MemoryEnvDevice(2 * SIZE, 0xff);
            UbootEnvStore s = new UbootEnvStore(FwEnvConfig.redundant("mem", 0, SIZE, SIZE), x -> d);
            s.write(Map.of("who", "first")); // copy 2
            s.update(Map.of("who", "second")); // copy 1
            d.tearNextWriteAfter(cut);
            BootException e = assertThrows(BootException.class, () -> s.update(Map.of("who", newValue)));
            assertTrue(e.getMessage().startsWith("uboot env: copy 2 (mem at 0x100): write failed: power cut"), e.getMessage());
            String now = s.read().get("who");
            if (cut < 5 + "who=".length() + newValue.length()) {
                assertEquals("second", now, "cut after " + cut + " bytes: old copy must win");
            } else {
                // every byte that differs was written (the rest is 0x00 padding either way)
                assertEquals(newValue, now, "cut after " + cut);
            }
        }
    }

    @Test
    void bothCorruptIsAnErrorUnlessDefaultsAreGiven() throws Exception {
        put(1, 1, "x");
        put(2, 2, "y");
        dev.bytes()[10] ^= 1;
        dev.bytes()[SIZE + 10] ^= 1;
        assertEquals("uboot env: no valid copy (copy 1: CRC mismatch, copy 2: CRC mismatch)",
                assertThrows(BootException.class, store::read).getMessage());
        assertThrows(BootException.class, () -> store.update(Map.of("a", "1")));
        int writes = dev.writes;
        assertEquals(Map.of("who", "default"), store.openOrDefaults(Map.of("who", "default")));
        assertEquals(writes + 1, dev.writes);
        assertEquals(2, store.inspect().active());
        assertEquals(0, flagsOf(2));
        assertEquals(Map.of("who", "default"), store.openOrDefaults(Map.of("who", "other")), "valid env is kept");
    }

    @Test
    void updateAppliesChangesAndDeletionsInOneWriteAndSkipsNoOps() throws Exception {
        store.write(Map.of("a", "1", "b", "2"));
        int writes = dev.writes;
        Map<String, String> changes = new HashMap<>();
        changes.put("a", null);
        changes.put("c", "3 with spaces=and equals");
        assertEquals(Map.of("b", "2", "c", "3 with spaces=and equals"), store.update(changes));
        assertEquals(writes + 1, dev.writes);
        store.update(Map.of("b", "2"));
        assertEquals(writes + 1, dev.writes, "no change, no write");
        Map<String, String> r = store.update(Map.of("y", "2"), Map.of("x", "1"));
        assertFalse(r.containsKey("x"), "defaults are ignored while a copy is valid");
        assertEquals("2", r.get("y"));
    }

    @Test
    void tooBigWriteChangesNothing() throws Exception {
        store.write(Map.of("a", "1"));
        byte[] before = dev.bytes().clone();
        BootException e = assertThrows(BootException.class, () -> store.update(Map.of("big", "x".repeat(SIZE))));
        assertTrue(e.getMessage().startsWith("uboot env: variables need "), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, dev.bytes()));
    }

    @Test
    void singleCopyIsRewrittenInPlace(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("env.img");
        FileEnvDevice.createFile(img, 0x2000);
        UbootEnvStore single = new UbootEnvStore(FwEnvConfig.single(img.toString(), 0x1000, 0x1000));
        assertEquals("uboot env: no valid copy (copy 1: CRC mismatch)",
                assertThrows(BootException.class, single::read).getMessage());
        single.openOrDefaults(Map.of("slot", "a"));
        single.update(Map.of("slot", "b"));
        assertEquals(Map.of("slot", "b"), single.read());
        byte[] raw = Files.readAllBytes(img);
        assertEquals((byte) 0xff, raw[0], "bytes before the offset untouched");
        assertEquals('s', raw[0x1004]);
    }

    @Test
    void shortDeviceIsReportedPerCopy(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("short.img");
        FileEnvDevice.createFile(img, 0x1800);
        UbootEnvStore s = new UbootEnvStore(FwEnvConfig.redundant(img.toString(), 0, 0x1000, 0x1000));
        assertEquals("uboot env: no valid copy (copy 1: CRC mismatch, copy 2: device " + img + " ends before 0x2000)",
                assertThrows(BootException.class, s::read).getMessage());
    }

    @Test
    void copiesOnTwoDevices(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.img");
        Path b = dir.resolve("b.img");
        FileEnvDevice.createFile(a, 0x400);
        FileEnvDevice.createFile(b, 0x400);
        UbootEnvStore s = new UbootEnvStore(FwEnvConfig.parse(a + " 0 0x400\n" + b + " 0 0x400\n", "cfg"));
        s.openOrDefaults(Map.of("k", "v"));
        assertEquals(2, s.inspect().active());
        s.update(Map.of("k", "w"));
        assertEquals(1, s.inspect().active());
        Files.delete(b);
        assertEquals("w", s.read().get("k"), "a missing second device only invalidates copy 2");
        assertTrue(s.inspect().copies().get(1).problem().startsWith("read failed"));
    }
}
