package io.hostapp.tests.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end through the real CLI processes on a simulated sim-uboot device: install → reboot → commit;
 * a broken release → health check fails → rollback; bad input → a one-line error and its exit code.
 */
class CliLifecycleTest {
    @TempDir
    Path tmp;
    Path dev;

    /** A small real ext4 image carrying its own /etc/hostapp/health-check, which sim-uboot's check reads. */
    private Path image(String name, boolean healthy) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree-" + name + "/etc/hostapp"));
        Files.writeString(tree.resolve("health-check"), healthy ? "#!/bin/sh\nexit 0\n"
                : "#!/bin/sh\necho \"" + name + ": app container failed to start\"\nexit 1\n");
        byte[] bulk = new byte[200_000];
        new Random(name.hashCode()).nextBytes(bulk);
        Files.write(tree.getParent().resolve("bulk.bin"), bulk);
        Path img = tmp.resolve(name + ".img");
        Cli.Result r = Cli.tool("/usr/sbin/mke2fs", "-q", "-t", "ext4", "-F", "-d",
                tree.getParent().getParent().toString(), img.toString(), "4M");
        assertEquals(0, r.rc(), r.all());
        return img;
    }

    private JsonNode status() throws Exception {
        Cli.Result r = Cli.run("status", "--device", dev.toString(), "--json");
        assertEquals(0, r.rc(), r.all());
        return new ObjectMapper().readTree(r.out());
    }

    @BeforeEach
    void create() throws Exception {
        dev = tmp.resolve("device");
        Cli.Result r = Cli.run("sim", "create", "--board", "sim-uboot", "--image", image("v1", true).toString(),
                "--release", "v1", dev.toString());
        assertEquals(0, r.rc(), r.all());
    }

    @Test
    void updateCommitsThenBrokenUpdateRollsBack() throws Exception {
        Cli.Result r = Cli.run("--device", dev.toString(), "-f", image("v2", true).toString(), "-r");
        assertEquals(0, r.rc(), r.all());
        assertTrue(r.out().contains("committed v2 in slot b"), r.out());
        JsonNode s = status();
        assertEquals("b", s.get("bootedSlot").asText());
        assertEquals("committed", s.get("lastOutcome").get("result").asText());

        r = Cli.run("install", "--device", dev.toString(), image("v3", false).toString());
        assertEquals(0, r.rc(), r.all());
        r = Cli.run("sim", "boot", dev.toString());
        assertEquals(11, r.rc(), r.all());
        s = status();
        assertEquals("b", s.get("bootedSlot").asText());
        assertEquals("v2", s.get("slots").get("b").get("version").asText());
        assertEquals("BAD", s.get("slots").get("a").get("state").asText());
        assertTrue(s.get("lastOutcome").get("reason").asText().contains("v3: app container failed to start"),
                s.toString());
    }

    @Test
    void badInputGetsOneLineErrorAndExitCode() throws Exception {
        byte[] env = Files.readAllBytes(dev.resolve("uboot.env"));
        byte[] journal = Files.readAllBytes(dev.resolve("data/journal.json"));

        expectError(Cli.run("--device", dev.toString(), "-f", tmp.resolve("missing.img").toString()), 3, "no such file");
        Path big = tmp.resolve("big.img");
        Files.write(big, new byte[33554432 + 512]);
        expectError(Cli.run("--device", dev.toString(), "-f", big.toString()), 5, "larger than slot b");
        Path board = tmp.resolve("bad-board.json");
        Files.writeString(board, Files.readString(Cli.REPO.resolve("boards/sim-uboot.json")).replace("\"bootLimit\": 3", "\"bootLimit\": 12"));
        expectError(Cli.run("sim", "create", "--board", board.toString(), "--image", big.toString(),
                tmp.resolve("dev2").toString()), 6, "field 'bootloader.bootLimit'");
        expectError(Cli.run("--device", dev.toString()), 2, "give exactly one of -f FILE or -i URL");

        assertTrue(java.util.Arrays.equals(env, Files.readAllBytes(dev.resolve("uboot.env"))), "env changed");
        assertTrue(java.util.Arrays.equals(journal, Files.readAllBytes(dev.resolve("data/journal.json"))), "journal changed");
    }

    @Test
    void secondConcurrentInstallIsRefused() throws Exception {
        Path img = image("v2", true);
        try (FileChannel ch = FileChannel.open(dev.resolve("data/update.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = ch.lock()) {
            expectError(Cli.run("--device", dev.toString(), "-f", img.toString()), 8, "another hostapp-update operation");
        }
        assertEquals("Idle", status().get("journal").get("state").asText());
    }

    private static void expectError(Cli.Result r, int rc, String part) {
        assertEquals(rc, r.rc(), r.all());
        String err = r.err().strip();
        assertFalse(err.isEmpty(), "no error message");
        String first = err.lines().findFirst().orElseThrow();
        assertTrue(first.contains(part), "'" + first + "' lacks '" + part + "'");
        assertTrue(rc == 2 || err.lines().count() == 1, "more than one line: " + err);
    }
}
