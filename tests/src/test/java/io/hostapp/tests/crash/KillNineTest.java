package io.hostapp.tests.crash;

import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import io.hostapp.updater.storage.DiskStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 at random moments: the real CLI (scripts/hostapp-update, a JVM of its own) runs an install, a boot
 * (commit or rollback) or a manual rollback on a simulated device and is killed with SIGKILL after a random
 * delay; then the device boots until it settles, and the same invariants as the crash-point test must hold.
 * Rounds continue from whatever state the last one left, for a bounded time.
 */
class KillNineTest {
    static final long BUDGET_MILLIS = 60_000;
    static final int MAX_ROUNDS = 30;

    @TempDir
    Path tmp;

    private Path dev;

    @Test
    void randomKillsNeverBrickTheDevice() throws Exception {
        Files.write(tmp.resolve("v1.img"), CrashPointTest.V1);
        Files.write(tmp.resolve("v2.img"), CrashPointTest.V2);
        Path board = tmp.resolve("board.json");
        Files.writeString(board, """
                {"schema": 1, "name": "sim-kill", "simulated": true,
                 "slots": {"a": {"device": "slot-a.img", "size": %d}, "b": {"device": "slot-b.img", "size": %d}},
                 "bootloader": {"type": "uboot", "bootLimit": 3,
                                "env": [{"device": "uboot.env", "size": 8192}, {"device": "uboot.env", "offset": 8192, "size": 8192}]},
                 "cmdline": "proc-cmdline", "dataDir": "data",
                 "health": {"attempts": 2, "intervalSeconds": 0,
                            "checks": [{"type": "command", "name": "content-check",
                                        "command": ["sh", "-c", "head -c 200 \\"$HOSTAPP_BOOTED_DEVICE\\" | grep -q HEALTHY"]}]}}
                """.formatted(CrashPointTest.SLOT, CrashPointTest.SLOT));
        dev = tmp.resolve("device");
        assertEquals(0, cli("sim", "create", "--board", board.toString(), "--image", tmp.resolve("v1.img").toString(),
                "--release", "v1", dev.toString()).waitFor());

        Random random = new Random(42);
        long start = System.currentTimeMillis();
        int rounds = 0;
        int killed = 0;
        List<String> failures = new ArrayList<>();
        while (rounds < MAX_ROUNDS && System.currentTimeMillis() - start < BUDGET_MILLIS) {
            rounds++;
            String[] op = nextOperation();
            Process p = cli(op);
            long delay = random.nextInt(2500);
            if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL: the launcher execs java, so this is the agent itself
                p.waitFor();
                killed++;
            }
            settle();
            String problem = invariants();
            System.out.printf("kill-9: round=%d op=%s delay=%dms %s%n", rounds, String.join(" ", op).replace(dev.toString(), "DEV"),
                    delay, problem == null ? "ok" : "FAILED: " + problem);
            if (problem != null) {
                failures.add("round " + rounds + ": " + problem);
            }
        }
        System.out.printf("kill-9: total rounds=%d killed=%d failed=%d%n", rounds, killed, failures.size());
        assertTrue(killed > 0, "no process was killed: the delays are too long to mean anything");
        assertEquals(List.of(), failures);
    }

    /** An operation that makes sense in the device's state: install the other release, or roll back. */
    private String[] nextOperation() throws Exception {
        Device d = open();
        Journal j = d.journal().load();
        Slot booted = d.boot().bootedSlot();
        String running = j.slot(booted).map(Journal.Release::version).orElse("?");
        if (j.state() == JournalState.ArtifactReboot) {
            return new String[] {"sim", "boot", dev.toString()};
        }
        if (running.equals("v2") && j.slot(booted.other()).isPresent()) {
            return new String[] {"rollback", "--device", dev.toString()};
        }
        String image = running.equals("v2") ? "v1.img" : "v2.img";
        return new String[] {"--device", dev.toString(), "-f", tmp.resolve(image).toString(),
                "--release", image.replace(".img", ""), "-r"};
    }

    /** Boots until the device settles (no reboot asked for, no update in flight). */
    private void settle() throws Exception {
        for (int i = 0; i < 6; i++) {
            Process p = cli("sim", "boot", dev.toString());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            Journal j = open().journal().load();
            if (j.state() == JournalState.Idle) {
                return;
            }
        }
    }

    private String invariants() throws Exception {
        Device d = open();
        Journal j = d.journal().load();
        Slot booted = d.boot().bootedSlot();
        byte[] content = Arrays.copyOf(Files.readAllBytes(d.slotDevice(booted)), CrashPointTest.IMAGE);
        if (!Arrays.equals(content, CrashPointTest.V1) && !Arrays.equals(content, CrashPointTest.V2)) {
            return "booted slot " + booted + " holds neither release";
        }
        if (d.boot().state(Slot.A) == SlotState.BAD && d.boot().state(Slot.B) == SlotState.BAD) {
            return "both slots BAD";
        }
        if (j.state() != JournalState.Idle) {
            return "journal left in " + j.state();
        }
        String recorded = j.slot(booted).map(Journal.Release::sha256).orElse("");
        if (!recorded.equals(CrashPointTest.sha256(content))) {
            return "journal does not record what slot " + booted + " holds";
        }
        return null;
    }

    private Device open() throws Exception {
        return Device.openSimulated(dev, new DiskStorage(), UpdateListener.NONE);
    }

    private static Process cli(String... args) throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("scripts/hostapp-update").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return pb.start();
    }
}
