package io.hostapp.tests.repo;

import io.hostapp.boot.Slot;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hostapp-update daemon --interval 1} as a real process on a simulated device, polling nginx: inside its
 * maintenance window it picks up a release published while it runs (installs, reboots, commits); outside the
 * window it does not even ask the repository. SIGTERM stops it cleanly in both cases. Windows are set relative to
 * the current local time (the daemon's clock), wrapping midnight where needed.
 */
@Tag("interop")
class DaemonWindowTest {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

    @TempDir
    Path tmp;

    private static String window(int fromMinutes, int toMinutes) {
        LocalTime now = LocalTime.now();
        return "\"* " + now.plusMinutes(fromMinutes).format(HM) + "-" + now.plusMinutes(toMinutes).format(HM) + "\"";
    }

    private static String daemonSection(String window) {
        return "{\"pollIntervalSeconds\": 1, \"jitterSeconds\": 0, \"maintenanceWindows\": [" + window
                + "], \"reboot\": \"immediately\", \"backoffCapSeconds\": 2}";
    }

    @Test
    void insideTheWindowItInstallsANewlyPublishedRelease() throws Exception {
        try (Fleet f = Fleet.start(tmp)) {
            f.initWithV1();
            Path dev = f.device("device", "v1", Fleet.DEVICE_ID, daemonSection(window(-60, 60)));
            Path log = tmp.resolve("daemon.log");
            Process p = start(dev, log);
            try {
                waitFor(() -> read(log).contains("daemon: up to date"), 30, "a first cycle that finds v1 current", log);
                f.repo("add", "--board", Fleet.BOARD, "--release", "v2", "--image", f.image("v2").toString(),
                        "--rollout", "stable=100");
                f.repo("publish");
                waitFor(() -> committed(dev, "v2"), 60, "v2 installed, rebooted into and committed", log);
            } finally {
                stopCleanly(p, log);
            }
            Journal j = Fleet.statusJournal(dev);
            assertEquals(JournalState.Idle, j.state());
            assertEquals("v2", j.slot(Slot.B).orElseThrow().version());
        }
    }

    @Test
    void outsideTheWindowItWaitsAndDoesNotPoll() throws Exception {
        try (Fleet f = Fleet.start(tmp)) {
            f.initWithV1();
            f.repo("add", "--board", Fleet.BOARD, "--release", "v2", "--image", f.image("v2").toString(),
                    "--rollout", "stable=100");
            f.repo("publish");
            Path dev = f.device("device", "v1", Fleet.DEVICE_ID, daemonSection(window(120, 180)));
            byte[] journal = Files.readAllBytes(dev.resolve("data/journal.json"));
            int requestsBefore = f.nginx.requests().size();
            Path log = tmp.resolve("daemon.log");
            Process p = start(dev, log);
            try {
                waitFor(() -> read(log).split("outside the maintenance windows", -1).length > 3, 30,
                        "three cycles outside the window", log);
            } finally {
                stopCleanly(p, log);
            }
            assertEquals(new String(journal, StandardCharsets.UTF_8),
                    Files.readString(dev.resolve("data/journal.json")), "nothing installed outside the window");
            assertEquals(requestsBefore, f.nginx.requests().size(), "the repository was not polled outside the window");
        }
    }

    private static Process start(Path dev, Path log) throws Exception {
        ProcessBuilder pb = Launchers.builder("hostapp-update", "daemon", "--interval", "1", "--device", dev.toString());
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** SIGTERM; the daemon must exit within seconds, by the signal (143) or 0, saying it stopped. */
    private static void stopCleanly(Process p, Path log) throws Exception {
        p.destroy();
        boolean exited = p.waitFor(20, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertTrue(exited, "daemon did not exit within 20 s of SIGTERM:\n" + read(log));
        assertTrue(p.exitValue() == 143 || p.exitValue() == 0, "exit " + p.exitValue() + ":\n" + read(log));
        String out = read(log);
        assertTrue(out.contains("daemon stopped"), out);
        assertFalse(out.contains("internal error") || out.contains("Exception"), out);
    }

    private static boolean committed(Path dev, String version) {
        try {
            Journal j = Fleet.statusJournal(dev);
            return j.state() == JournalState.Idle && j.lastOutcome().isPresent()
                    && "committed".equals(j.lastOutcome().get().result()) && version.equals(j.lastOutcome().get().version());
        } catch (Exception racing) {
            return false;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "";
        }
    }

    private static void waitFor(BooleanSupplier cond, int seconds, String what, Path log) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "; daemon log:\n" + read(log));
            }
            Thread.sleep(100);
        }
    }
}
