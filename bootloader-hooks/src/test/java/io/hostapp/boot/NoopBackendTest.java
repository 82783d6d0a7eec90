package io.hostapp.boot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class NoopBackendTest {
    @TempDir
    Path dir;

    @Test
    void logsAndChangesNothing() throws Exception {
        Files.writeString(dir.resolve("cmdline"), "hostapp.slot=b\n");
        List<String> log = new ArrayList<>();
        NoopBackend b = new NoopBackend(new KernelCmdline(dir.resolve("cmdline")), log::add);
        b.tryOnce(Slot.A, 3);
        b.markGood(Slot.A);
        b.markBad(Slot.B);
        assertEquals(Slot.B, b.primarySlot());
        assertEquals(SlotState.GOOD, b.state(Slot.B));
        assertEquals(SlotState.BAD, b.state(Slot.A));
        assertFalse(b.fallbackReported());
        assertEquals(3, log.size());
        assertEquals("noop backend: would arm a trial of slot a (boot limit 3); nothing changed", log.get(0));
        assertEquals(List.of("hostapp.slot=b"), Files.readAllLines(dir.resolve("cmdline")));
    }
}
