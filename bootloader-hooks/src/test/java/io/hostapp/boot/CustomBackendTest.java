package io.hostapp.boot;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The custom backend driving the example program, and its error paths. */
class CustomBackendTest {
    static final Path EXAMPLE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("boot-scripts/custom/hostapp-boot-file.sh");

    @TempDir
    Path dir;
    private CustomBackend backend;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(dir.resolve("state"), "slot=a\nfallback_slot=a\nupgrade_available=0\nbootcount=0\nbootlimit=3\nrollback=0\n");
        Files.writeString(dir.resolve("cmdline"), "console=ttyS0 hostapp.slot=a root=/dev/sda2\n");
        backend = new CustomBackend(List.of("sh", EXAMPLE.toString(), "state", "cmdline"), Duration.ofSeconds(10), dir);
    }

    @Test
    void theExampleProgramImplementsTheScheme() throws Exception {
        assertEquals(Slot.A, backend.bootedSlot());
        assertEquals(SlotState.GOOD, backend.state(Slot.A));
        assertEquals(SlotState.BAD, backend.state(Slot.B));
        backend.markBad(Slot.B);
        backend.tryOnce(Slot.B, 2);
        assertEquals(Slot.B, backend.primarySlot());
        assertEquals(SlotState.TRYING, backend.state(Slot.B));
        assertEquals(SlotState.FALLBACK, backend.state(Slot.A));
        Files.writeString(dir.resolve("state"), Files.readString(dir.resolve("state"))
                .replace("slot=b\n", "slot=a\n").replace("upgrade_available=1", "upgrade_available=0") + "rollback=1\n");
        assertTrue(backend.fallbackReported());
        backend.markGood(Slot.A);
        assertFalse(backend.fallbackReported());
        assertEquals(SlotState.GOOD, backend.state(Slot.A));
    }

    @Test
    void errorsCarryTheProgramsLastStderrLine() throws Exception {
        Path p = Files.writeString(dir.resolve("p.sh"), "echo first >&2; echo 'NVRAM locked' >&2; exit 3\n");
        CustomBackend b = new CustomBackend(List.of("sh", p.toString()), Duration.ofSeconds(5), dir);
        BootException e = assertThrows(BootException.class, () -> b.state(Slot.B));
        assertEquals("custom backend: sh state b: exited 3: NVRAM locked", e.getMessage());
    }

    @Test
    void answersOutsideTheProtocolAreErrors() throws Exception {
        Path p = Files.writeString(dir.resolve("p.sh"), "echo c\n");
        CustomBackend b = new CustomBackend(List.of("sh", p.toString()), Duration.ofSeconds(5), dir);
        assertEquals("custom backend: sh primary: answered 'c', expected a or b",
                assertThrows(BootException.class, b::primarySlot).getMessage());
        assertEquals("custom backend: sh state a: answered 'c', expected good, trying, fallback or bad",
                assertThrows(BootException.class, () -> b.state(Slot.A)).getMessage());
        assertEquals("custom backend: sh fallback-reported: answered 'c', expected yes or no",
                assertThrows(BootException.class, b::fallbackReported).getMessage());
    }

    @Test
    void aHangingProgramIsKilled() throws Exception {
        Path p = Files.writeString(dir.resolve("p.sh"), "sleep 30\n");
        CustomBackend b = new CustomBackend(List.of("sh", p.toString()), Duration.ofSeconds(1), dir);
        long t0 = System.nanoTime();
        BootException e = assertThrows(BootException.class, () -> b.markGood(Slot.A));
        assertEquals("custom backend: sh mark-good a: no answer within 1 s (killed)", e.getMessage());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        CustomBackend missing = new CustomBackend(List.of(dir.resolve("nope").toString()), Duration.ofSeconds(1), dir);
        assertTrue(assertThrows(BootException.class, missing::bootedSlot).getMessage().contains(": cannot run: "));
    }
}
