package io.hostapp.updater.install;

import com.github.luben.zstd.Zstd;
import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.updater.DeviceSnapshot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.device.UpdateLock;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The install pipeline, good path and every bad input of the foundation issue: each gets a one-line error and
 * its exit code, and the active slot, the bootloader flags and the journal stay as they were.
 */
class InstallPipelineTest {
    @TempDir
    Path tmp;
    Path dev;
    Device device;
    boolean envReadable = true;

    @BeforeEach
    void setUp() throws Exception {
        device = SimFixture.create(tmp, 3, 1);
        dev = tmp.resolve("device");
    }

    private Journal install(Path payload) throws UpdateException {
        return new InstallPipeline(SimFixture.open(dev)).run(new InstallRequest(new FilePayloadSource(payload),
                Optional.empty(), false, false));
    }

    @Test
    void installsRawImageWritesInactiveSlotAndArmsTrial() throws Exception {
        Path v2 = SimFixture.image(tmp, "v2.img", 500_000, true, 2);
        Journal j = install(v2);
        assertEquals(JournalState.ArtifactReboot, j.state());
        assertEquals("v2", j.slot(Slot.B).orElseThrow().version());
        assertEquals(SimFixture.sha256(v2), j.slot(Slot.B).orElseThrow().sha256());
        byte[] slotB = Files.readAllBytes(dev.resolve("slot-b.img"));
        assertTrue(Arrays.equals(Files.readAllBytes(v2), Arrays.copyOf(slotB, 500_000)));
        Device d = SimFixture.open(dev);
        assertEquals(SlotState.TRYING, d.boot().state(Slot.B));
        assertEquals(Slot.B, d.boot().primarySlot());
        assertEquals(Slot.A, d.boot().bootedSlot());
    }

    @Test
    void installsZstdImageWithSidecar() throws Exception {
        Path raw = SimFixture.image(tmp, "v2.img", 400_000, true, 2);
        Path zst = tmp.resolve("v2.img.zst");
        Files.write(zst, Zstd.compress(Files.readAllBytes(raw), 19));
        SimFixture.sidecar(zst, 400_000, SimFixture.sha256(raw), "v2-zstd", "sim-test");
        Journal j = install(zst);
        assertEquals("v2-zstd", j.update().orElseThrow().version());
        assertEquals(SimFixture.sha256(raw), j.slot(Slot.B).orElseThrow().sha256());
    }

    @Test
    void refusesSecondInstallWhileOneAwaitsReboot() throws Exception {
        install(SimFixture.image(tmp, "v2.img", 1000, true, 2));
        DeviceSnapshot before = DeviceSnapshot.of(dev, "slot-a.img");
        UpdateException e = assertThrows(UpdateException.class, () -> install(SimFixture.image(tmp, "v3.img", 1000, true, 3)));
        assertEquals(ExitCode.STATE, e.exitCode());
        assertOneLine(e.getMessage(), "an update is in progress: journal state ArtifactReboot");
        DeviceSnapshot after = DeviceSnapshot.of(dev, "slot-a.img");
        assertEquals(before.activeSlotSha(), after.activeSlotSha());
        assertTrue(before.envEquals(after) && before.journalEquals(after));
    }

    // --- bad input: one test per case --------------------------------------------------------------------

    @Test
    void missingFile() throws Exception {
        assertBadInput(tmp.resolve("nope.img"), ExitCode.INPUT, "no such file", true);
    }

    @Test
    void unreadableFile() throws Exception {
        // A directory cannot be read as an image, even by root (file permissions do not stop root).
        Path d = Files.createDirectory(tmp.resolve("dir.img"));
        assertBadInput(d, ExitCode.INPUT, "is a directory", true);
    }

    @Test
    void emptyFile() throws Exception {
        assertBadInput(Files.write(tmp.resolve("empty.img"), new byte[0]), ExitCode.INPUT, "empty payload", false);
    }

    @Test
    void truncatedImage() throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 200_000, true, 2);
        String sha = SimFixture.sha256(img);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(150_000);
        }
        SimFixture.sidecar(img, 200_000, sha, "v2", "sim-test");
        assertBadInput(img, ExitCode.VERIFY, "truncated image: 150000 of 200000 bytes", false);
    }

    @Test
    void truncatedZstdStream() throws Exception {
        Path raw = SimFixture.image(tmp, "v2.img", 300_000, true, 2);
        byte[] z = Zstd.compress(Files.readAllBytes(raw), 3);
        Path zst = Files.write(tmp.resolve("v2.img.zst"), Arrays.copyOf(z, z.length / 2));
        assertBadInput(zst, ExitCode.VERIFY, "zstd stream corrupt or truncated", false);
    }

    @Test
    void hashMismatch() throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 100_000, true, 2);
        SimFixture.sidecar(img, 100_000, "00".repeat(32), "v2", "sim-test");
        assertBadInput(img, ExitCode.VERIFY, "SHA-256 mismatch", false);
    }

    @Test
    void sha256SidecarMismatch() throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 100_000, true, 2);
        Files.writeString(tmp.resolve("v2.img.sha256"), "ab".repeat(32) + "  v2.img\n");
        assertBadInput(img, ExitCode.VERIFY, "SHA-256 mismatch", false);
    }

    @Test
    void imageLargerThanSlotStatedBySidecar() throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 1000, true, 2);
        SimFixture.sidecar(img, SimFixture.SLOT_SIZE + 1L, "00".repeat(32), "v2", "sim-test");
        assertBadInput(img, ExitCode.TOO_LARGE, "larger than slot b", true);
    }

    @Test
    void rawImageLargerThanSlot() throws Exception {
        Path img = SimFixture.image(tmp, "big.img", SimFixture.SLOT_SIZE + 4096, true, 2);
        assertBadInput(img, ExitCode.TOO_LARGE, "larger than slot b", true);
    }

    @Test
    void compressedImageLargerThanSlotFoundWhileStreaming() throws Exception {
        Path raw = SimFixture.image(tmp, "big.img", SimFixture.SLOT_SIZE + 4096, true, 2);
        Path zst = Files.write(tmp.resolve("big.img.zst"), Zstd.compress(Files.readAllBytes(raw), 3));
        assertBadInput(zst, ExitCode.TOO_LARGE, "image larger than slot", false);
    }

    @Test
    void wrongBoard() throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 1000, true, 2);
        SimFixture.sidecar(img, 1000, SimFixture.sha256(img), "v2", "raspberrypi4");
        assertBadInput(img, ExitCode.WRONG_BOARD, "image is for board 'raspberrypi4'", true);
    }

    @Test
    void malformedSidecar() throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 1000, true, 2);
        Files.writeString(tmp.resolve("v2.img.manifest.json"), "{\"format\": \"hostapp-image-manifest\", \"length\": -5}");
        assertBadInput(img, ExitCode.INPUT, "field 'length'", true);
    }

    @Test
    void envWithBothCopiesCorrupt() throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 1000, true, 2);
        byte[] env = Files.readAllBytes(dev.resolve("uboot.env"));
        env[100] ^= 0x55;
        env[8192 + 100] ^= 0x55;
        Files.write(dev.resolve("uboot.env"), env);
        envReadable = false;
        assertBadInput(img, ExitCode.BOOTLOADER, "CRC", true);
    }

    @Test
    void secondConcurrentInstall() throws Exception {
        Path img = SimFixture.image(tmp, "v2.img", 1000, true, 2);
        DeviceSnapshot before = DeviceSnapshot.of(dev, "slot-a.img");
        try (UpdateLock held = UpdateLock.acquire(dev.resolve("data"))) {
            UpdateException e = assertThrows(UpdateException.class, () -> {
                try (UpdateLock second = UpdateLock.acquire(dev.resolve("data"))) {
                    install(img);
                }
            });
            assertEquals(ExitCode.LOCKED, e.exitCode());
            assertOneLine(e.getMessage(), "another hostapp-update operation holds");
        }
        assertUnchanged(before, true);
    }

    /**
     * Runs an install that must fail. {@code preflight}: the failure is found before anything is written, so the
     * journal is byte-identical; otherwise the journal is back to Idle with the failure recorded, the target slot's
     * record cleared, and the active slot's record untouched.
     */
    private void assertBadInput(Path payload, ExitCode code, String messagePart, boolean preflight) throws Exception {
        DeviceSnapshot before = DeviceSnapshot.of(dev, "slot-a.img");
        UpdateException e = assertThrows(UpdateException.class, () -> install(payload));
        assertEquals(code, e.exitCode(), e.getMessage());
        assertOneLine(e.getMessage(), messagePart);
        assertUnchanged(before, preflight);
        if (!preflight) {
            Journal j = SimFixture.open(dev).journal().load();
            assertEquals("failed", j.lastOutcome().orElseThrow().result());
            assertTrue(j.lastOutcome().get().reason().contains(messagePart), j.lastOutcome().get().reason());
            assertTrue(j.slot(Slot.B).isEmpty());
        }
    }

    private void assertUnchanged(DeviceSnapshot before, boolean journalIdentical) throws Exception {
        DeviceSnapshot after = DeviceSnapshot.of(dev, "slot-a.img");
        assertEquals(before.activeSlotSha(), after.activeSlotSha(), "active slot changed");
        assertTrue(before.envEquals(after), "bootloader env changed");
        if (journalIdentical) {
            assertTrue(before.journalEquals(after), "journal changed");
        }
        Journal was = before.journalDecoded();
        Journal now = after.journalDecoded();
        assertEquals(was.state(), now.state());
        assertEquals(was.slot(Slot.A), now.slot(Slot.A));
        if (envReadable) {
            Device d = SimFixture.open(dev);
            assertEquals(Slot.A, d.boot().primarySlot());
            assertFalse(d.boot().state(Slot.B) == SlotState.TRYING);
        }
    }

    static void assertOneLine(String message, String part) {
        assertFalse(message.contains("\n"), "multi-line message: " + message);
        assertTrue(message.contains(part), "message '" + message + "' lacks '" + part + "'");
    }
}
