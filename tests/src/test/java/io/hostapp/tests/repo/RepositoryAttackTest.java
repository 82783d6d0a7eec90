package io.hostapp.tests.repo;

import io.hostapp.boot.Slot;
import io.hostapp.manifest.keys.KeyFiles;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.metadata.SignedEnvelope;
import io.hostapp.manifest.metadata.Timestamp;
import io.hostapp.manifest.metadata.UnverifiedMetadata;
import io.hostapp.updater.DeviceSnapshot;
import io.hostapp.updater.journal.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

import static io.hostapp.tests.repo.RepositoryRolloutTest.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a compromised mirror or a careless publisher can serve, through nginx to a simulated device running the
 * real {@code hostapp-update update -r} process: a tampered payload, an expired timestamp, an old timestamp, a
 * validly signed timestamp naming an old snapshot, a release for another board, an unsigned downgrade. Each ends
 * in a one-line error (or no offer) with its exit code; the active slot, the bootloader flags and the journal stay
 * as they were, and rejected metadata does not replace trusted metadata. The repository is made with the
 * hostapp-repo classes in this JVM (the launcher path is covered by {@link RepositoryRolloutTest}).
 */
@Tag("interop")
class RepositoryAttackTest {
    @TempDir
    Path tmp;
    Fleet fleet;
    Path dev;

    @BeforeEach
    void fleet() throws Exception {
        fleet = Fleet.start(tmp);
        fleet.initWithV1();
        dev = fleet.device("device", "v1", Fleet.DEVICE_ID, null);
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    private void publishV2() throws Exception {
        fleet.repo("add", "--board", Fleet.BOARD, "--release", "v2", "--image", fleet.image("v2").toString(),
                "--rollout", "stable=100");
        fleet.repo("publish");
    }

    private Launchers.Result update() throws Exception {
        return Launchers.device("update", "-r", "--device", dev.toString());
    }

    private byte[] trusted(String role) throws Exception {
        return Files.readAllBytes(dev.resolve("data/tuf/" + role + ".json"));
    }

    /** Runs update; expects exit code in {@code rcs}, one error line containing {@code part}, and no change. */
    private void assertRejected(Set<Integer> rcs, String part, boolean journalIdentical) throws Exception {
        DeviceSnapshot before = DeviceSnapshot.of(dev, "slot-a.img");
        Launchers.Result r = update();
        assertTrue(rcs.contains(r.rc()), "exit code " + r.rc() + ": " + r.all());
        assertEquals(1, r.errorLines().size(), "one line on stderr: " + r.err());
        assertTrue(r.err().startsWith("hostapp-update: error: ") && r.err().contains(part), r.err());
        DeviceSnapshot after = DeviceSnapshot.of(dev, "slot-a.img");
        assertEquals(before.activeSlotSha(), after.activeSlotSha(), "active slot changed");
        assertTrue(before.envEquals(after), "bootloader flags changed");
        if (journalIdentical) {
            assertTrue(before.journalEquals(after), "journal changed");
        }
        Journal was = before.journalDecoded();
        Journal now = after.journalDecoded();
        assertEquals(was.state(), now.state());
        assertEquals(was.slot(Slot.A), now.slot(Slot.A));
        assertEquals("a", Fleet.status(dev).get("bootedSlot").asText());
    }

    @Test
    void tamperedPayloadFailsCleanly() throws Exception {
        publishV2();
        Path payload = fleet.targetFile("v2");
        try (RandomAccessFile f = new RandomAccessFile(payload.toFile(), "rw")) {
            long mid = f.length() / 2;
            f.seek(mid);
            int b = f.read();
            f.seek(mid);
            f.write(b ^ 0x5a);
        }
        assertRejected(Set.of(4, 15), "v2", false);
        Journal j = Fleet.statusJournal(dev);
        assertEquals("failed", j.lastOutcome().orElseThrow().result());
    }

    @Test
    void expiredTimestampIsRejected() throws Exception {
        ok(Launchers.device("check", "--device", dev.toString()));
        byte[] trustedTs = trusted("timestamp");
        publishV2();
        fleet.repo("timestamp", "--now", "2020-01-01T00:00:00Z");
        assertRejected(Set.of(15), "timestamp: expired", true);
        assertArrayEquals(trustedTs, trusted("timestamp"), "the expired timestamp must not be trusted");
    }

    @Test
    void olderTimestampIsRejected() throws Exception {
        byte[] old = Files.readAllBytes(fleet.repo.resolve("metadata/timestamp.json"));
        publishV2();
        ok(Launchers.device("check", "--device", dev.toString()));
        byte[] trustedTs = trusted("timestamp");
        fleet.repo("add", "--board", Fleet.BOARD, "--release", "v3", "--image", fleet.image("v3").toString(),
                "--rollout", "stable=100");
        fleet.repo("publish");
        Files.write(fleet.repo.resolve("metadata/timestamp.json"), old); // the mirror serves the v1 timestamp again
        assertRejected(Set.of(15), "timestamp: rollback", true);
        assertArrayEquals(trustedTs, trusted("timestamp"));
        assertEquals("v1", Fleet.status(dev).get("slots").get("a").get("version").asText());
    }

    @Test
    void signedTimestampNamingAnOlderSnapshotIsRejected() throws Exception {
        byte[] old = Files.readAllBytes(fleet.repo.resolve("metadata/timestamp.json")); // names snapshot N
        publishV2();
        ok(Launchers.device("check", "--device", dev.toString())); // trusts snapshot N+1
        byte[] trustedSnapshot = trusted("snapshot");
        // the timestamp key signs a NEW timestamp version (so it is not discarded as a repeat) naming snapshot N
        Timestamp was = UnverifiedMetadata.parse("timestamp", old, Timestamp::parse).untrustedSigned();
        long newest = UnverifiedMetadata.parse("timestamp", trusted("timestamp"), Timestamp::parse).untrustedSigned().version();
        Timestamp forged = Timestamp.build(was.header().withVersion(newest + 1)
                .withExpires(Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)), was.snapshotMeta());
        SigningKey k;
        try (var s = Files.list(fleet.keys)) {
            k = KeyFiles.readPrivate(s.filter(p -> p.getFileName().toString().startsWith("timestamp-")).findFirst().orElseThrow());
        }
        Files.write(fleet.repo.resolve("metadata/timestamp.json"),
                SignedEnvelope.toBytes(forged, Map.of(k.keyId(), k.sign(SignedEnvelope.payload(forged)))));
        assertRejected(Set.of(15), "timestamp: rollback: snapshot version", true);
        assertArrayEquals(trustedSnapshot, trusted("snapshot"));
    }

    @Test
    void releaseForAnotherBoardIsNeverOffered() throws Exception {
        fleet.repo("add", "--board", "other-board", "--release", "v9", "--image", fleet.image("v9").toString(),
                "--rollout", "stable=100");
        fleet.repo("publish");
        DeviceSnapshot before = DeviceSnapshot.of(dev, "slot-a.img");
        Launchers.Result r = ok(update());
        assertTrue(r.out().contains("running v1, the current release"), r.out());
        DeviceSnapshot after = DeviceSnapshot.of(dev, "slot-a.img");
        assertTrue(before.envEquals(after) && before.journalEquals(after));
        assertTrue(fleet.nginx.requests().stream().noneMatch(l -> l.contains("/targets/other-board/")),
                "the other board's payload was not even fetched");
    }

    @Test
    void unsignedDowngradeIsRefusedSignedOneInstalls() throws Exception {
        Path newer = fleet.device("newer", "v3", Fleet.DEVICE_ID, null);
        dev = newer;
        publishV2();
        assertRejected(Set.of(16), "lower than running v3 and not signed as an allowed downgrade", true);

        fleet.repo("rollout", "--release", "v2", "--percent", "100", "--allow-downgrade");
        fleet.repo("publish");
        Launchers.Result r = ok(update());
        assertTrue(r.out().contains("allowed downgrade v3 -> v2") && r.out().contains("committed v2 in slot b"), r.out());
    }
}
