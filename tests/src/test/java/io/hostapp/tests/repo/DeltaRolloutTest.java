package io.hostapp.tests.repo;

import io.hostapp.updater.SimFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A release published with a delta: a device running the delta's source fetches the delta (not the full
 * image); a device whose running slot was modified locally falls back to the full image, and both commit.
 */
@Tag("interop")
class DeltaRolloutTest {
    @TempDir
    Path tmp;

    @Test
    void deltaForTheRunningReleaseFullImageWhenTheSlotWasModified() throws Exception {
        try (Fleet f = Fleet.start(tmp)) {
            f.initWithV1();
            // v2 = v1 with one region changed, so the delta is small
            byte[] v2 = Files.readAllBytes(f.image("v1"));
            for (int i = 150_000; i < 160_000; i++) {
                v2[i] = (byte) ('a' + i % 5);
            }
            Path v2img = Files.write(tmp.resolve("v2.img"), v2);
            Launchers.Result add = Launchers.repo("add", f.repo.toString(), "--board", Fleet.BOARD, "--release", "v2",
                    "--image", v2img.toString(), "--rollout", "stable=100", "--delta-from", "v1", f.image("v1").toString());
            assertEquals(0, add.rc(), add.all());
            assertEquals(0, Launchers.repo("publish", f.repo.toString()).rc());

            Path clean = f.device("clean", "v1", "device-0001", null);
            Launchers.Result up = Launchers.device("update", "-r", "--device", clean.toString());
            assertEquals(0, up.rc(), up.all());
            assertTrue(up.out().contains("applied delta payload"), up.out());
            assertTrue(up.out().contains("committed v2 in slot b"), up.out());
            assertEquals(SimFixture.sha256(v2), Fleet.status(clean).get("slots").get("b").get("sha256").asText());

            Path modified = f.device("modified", "v1", "device-0002", null);
            try (RandomAccessFile slot = new RandomAccessFile(modified.resolve("slot-a.img").toFile(), "rw")) {
                slot.seek(1234);
                slot.write('#'); // someone changed the running root filesystem by hand
            }
            up = Launchers.device("update", "-r", "--device", modified.toString());
            assertEquals(0, up.rc(), up.all());
            assertTrue(up.out().contains("the active slot is not this delta's source"), up.out());
            assertTrue(up.out().contains("installing the full image instead"), up.out());
            assertTrue(up.out().contains("committed v2 in slot b"), up.out());
            assertEquals(SimFixture.sha256(v2), Fleet.status(modified).get("slots").get("b").get("sha256").asText());

            String log = String.join("\n", f.nginx.requests());
            long deltas = log.lines().filter(l -> l.contains("delta-from-v1.bin") && l.contains("\" 200 ")).count();
            long fulls = log.lines().filter(l -> l.contains("/v2/") && l.contains("full.img.zst")).count();
            assertEquals(2, deltas, log);
            assertEquals(1, fulls, "only the modified device fetched the full image:\n" + log);
        }
    }
}
