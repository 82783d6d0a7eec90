package io.hostapp.tests.repo;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostapp.manifest.rollout.RolloutCohort;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet rollout end to end, every step through the real launchers as processes: {@code hostapp-repo} publishes
 * v1 and v2 into a tree that nginx serves; a simulated device outside v2's 10 % cohort stays on v1 and
 * {@code check} says why; at 100 % {@code hostapp-update update -r} streams v2 over HTTP, reboots, commits it.
 */
@Tag("interop")
class RepositoryRolloutTest {
    @TempDir
    Path tmp;

    @Test
    void tenPercentExcludesTheDeviceThenHundredPercentInstallsV2OverHttp() throws Exception {
        assertTrue(RolloutCohort.bucket(Fleet.DEVICE_ID, "v2") >= 10, "the device must be outside v2's 10 % cohort");
        try (Fleet f = Fleet.start(tmp)) {
            String repo = f.repo.toString();
            ok(Launchers.repo("init", repo, "--root-keys", "2", "--root-threshold", "2"));
            assertTrue(Files.isDirectory(f.keys) && !Files.exists(f.repo.resolve("keys")), "keys live outside the tree");
            ok(Launchers.repo("add", repo, "--board", Fleet.BOARD, "--release", "v1", "--image", f.image("v1").toString(),
                    "--rollout", "stable=100"));
            Launchers.Result add = ok(Launchers.repo("add", repo, "--board", Fleet.BOARD, "--release", "v2", "--image",
                    f.image("v2").toString()));
            assertTrue(add.out().contains("zstd -19"), add.out());
            ok(Launchers.repo("rollout", repo, "--release", "v2", "--channel", "stable", "--percent", "10"));
            Launchers.Result pub = ok(Launchers.repo("publish", repo));
            assertTrue(pub.out().contains("targets v2, snapshot v2, timestamp v2"), pub.out());
            Launchers.Result verify = ok(Launchers.repo("verify", repo));
            assertTrue(verify.out().contains("2 targets verified, 2 payloads"), verify.out());

            Path dev = f.device("device", "v1", Fleet.DEVICE_ID, null);
            Launchers.Result check = ok(Launchers.device("check", "--device", dev.toString()));
            assertTrue(check.out().contains("not in rollout: v2 is rolled out to 10% of channel stable"), check.out());
            Launchers.Result idle = ok(Launchers.device("update", "-r", "--device", dev.toString()));
            assertTrue(idle.out().contains("running v1, the current release"), idle.out());
            assertEquals("v1", Fleet.status(dev).get("slots").get("a").get("version").asText());

            ok(Launchers.repo("rollout", repo, "--release", "v2", "--percent", "100"));
            pub = ok(Launchers.repo("publish", repo));
            assertTrue(pub.out().contains("targets v3"), pub.out());
            check = ok(Launchers.device("check", "--device", dev.toString()));
            assertTrue(check.out().contains("update v1 -> v2 (full)"), check.out());
            Launchers.Result up = ok(Launchers.device("update", "-r", "--device", dev.toString()));
            assertTrue(up.out().contains("committed v2 in slot b"), up.out());
            JsonNode s = Fleet.status(dev);
            assertEquals("b", s.get("bootedSlot").asText());
            assertEquals("v2", s.get("slots").get("b").get("version").asText());
            assertEquals("GOOD", s.get("slots").get("b").get("state").asText());
            assertEquals("committed", s.get("lastOutcome").get("result").asText());
            assertTrue(f.nginx.requests().stream().anyMatch(l -> l.contains("GET /targets/" + Fleet.BOARD + "/v2/")
                    && l.contains(" 200 ")), "the payload came from nginx");

            Launchers.Result again = ok(Launchers.device("update", "--device", dev.toString()));
            assertTrue(again.out().contains("running v2, the current release"), again.out());
        }
    }

    @Test
    void publisherErrorsAreOneLineWithTheirExitCodes() throws Exception {
        Path repo = tmp.resolve("repo");
        Launchers.Result r = Launchers.repo("publish", repo.toString());
        assertError(r, 17, "not a repository");
        ok(Launchers.repo("init", repo.toString()));
        assertError(Launchers.repo("init", repo.toString()), 17, "already a repository");
        assertError(Launchers.repo("add", repo.toString(), "--board", "b", "--release", "v1", "--image",
                tmp.resolve("missing.img").toString()), 3, "missing.img: not a readable file");
        assertError(Launchers.repo("rollout", repo.toString(), "--release", "v9", "--percent", "10"), 17,
                "release v9: not in targets");
        assertError(Launchers.repo("rollout", repo.toString(), "--release", "v9", "--percent", "101"), 2, "0..100");
        Path img = Files.write(tmp.resolve("x.img"), new byte[4096]);
        assertError(Launchers.repo("add", repo.toString(), "--board", "b", "--release", "v2", "--image", img.toString(),
                "--delta-from", "v1", tmp.resolve("missing-v1.img").toString()), 3, "missing-v1.img: not a readable file");
        assertError(Launchers.repo("init", tmp.resolve("r2").toString(), "--keys", tmp.resolve("r2/keys").toString()),
                2, "must not be inside the repository");
        // a payload changed on the server after publishing: verify catches it as a device would
        ok(Launchers.repo("add", repo.toString(), "--board", "b", "--release", "v2", "--image", img.toString(),
                "--rollout", "stable=100", "--level", "3"));
        ok(Launchers.repo("publish", repo.toString()));
        ok(Launchers.repo("verify", repo.toString()));
        Path payload;
        try (var s = Files.list(repo.resolve("targets/b/v2"))) {
            payload = s.findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(payload);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 1;
        Files.write(payload, bad);
        assertError(Launchers.repo("verify", repo.toString()), 4, "b/v2/full.img.zst: hash");
        Files.write(payload, good);
        // the timestamp key gone: publish signs nothing and changes nothing
        Path tsKey;
        try (var s = Files.list(tmp.resolve("keys"))) {
            tsKey = s.filter(p -> p.getFileName().toString().startsWith("timestamp-")).findFirst().orElseThrow();
        }
        Files.move(tsKey, tmp.resolve("timestamp.pem"));
        byte[] before = Files.readAllBytes(repo.resolve("metadata/timestamp.json"));
        assertError(Launchers.repo("publish", repo.toString()), 18, "timestamp: signature threshold");
        assertEquals(new String(before), Files.readString(repo.resolve("metadata/timestamp.json")));
        assertTrue(Files.notExists(repo.resolve("metadata/3.snapshot.json")));
        assertError(Launchers.repo("verify", repo.toString(), "--now", "2100-01-01T00:00:00Z"), 15, "expired");
    }

    @Test
    void encoderOutOfHeapIsOneLineAndLeavesNoTemporaryPayload() throws Exception {
        // the encoder's block index grows with the image: a 64 MiB image does not fit in a 16 MiB heap
        Path repo = tmp.resolve("repo");
        ok(Launchers.repo("init", repo.toString()));
        Path img = tmp.resolve("big.img");
        try (var ch = FileChannel.open(img, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1}), (64L << 20) - 1); // sparse, 64 MiB
        }
        assertError(Launchers.repo(Map.of("HOSTAPP_REPO_HEAP", "16m"), "add", repo.toString(), "--board",
                "b", "--release", "v1", "--image", img.toString()), 1, "out of memory");
        try (var s = Files.list(repo.resolve("staging"))) {
            assertEquals(List.of("publisher.lock"), s.map(p -> p.getFileName().toString()).toList(),
                    "no temporary payload left in staging/");
        }
    }

    static Launchers.Result ok(Launchers.Result r) {
        assertEquals(0, r.rc(), r.all());
        return r;
    }

    static void assertError(Launchers.Result r, int rc, String part) {
        assertEquals(rc, r.rc(), r.all());
        assertEquals(1, r.errorLines().size(), "one line on stderr: " + r.err());
        assertTrue(r.err().contains(part), r.err());
    }
}
