package io.hostapp.updater.daemon;

import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.install.FilePayloadSource;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.journal.JournalState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon's decisions on a simulated device, a fake clock, and a source that offers one release. */
class UpdateDaemonTest {
    @TempDir
    Path tmp;
    Device device;
    Path image;
    ZonedDateTime now = ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, ZoneId.of("UTC")); // a Monday, noon
    final List<String> reboots = new ArrayList<>();
    int checks;

    final UpdateDaemon.Environment env = new UpdateDaemon.Environment() {
        @Override
        public ZonedDateTime now() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            now = now.plus(d);
        }

        @Override
        public RandomGenerator random() {
            return RandomGenerator.of("L64X128MixRandom");
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        device = SimFixture.create(tmp, 3, 1);
        image = SimFixture.image(tmp, "v2.img", 100_000, true, 2);
    }

    private UpdateSource offering() {
        return d -> {
            checks++;
            return d.journal().load().slot(Slot.B).isPresent()
                    ? Optional.empty()
                    : Optional.of(new InstallRequest(new FilePayloadSource(image), Optional.of("v2"), false, false));
        };
    }

    private UpdateDaemon daemon(DaemonSettings s, UpdateSource src) {
        return new UpdateDaemon(device, src, s, env, (d, why) -> reboots.add(why));
    }

    private static DaemonSettings settings(List<String> windows, RebootPolicy reboot, Path inhibit) {
        return new DaemonSettings(Duration.ofSeconds(60), Duration.ofSeconds(5),
                windows.stream().map(MaintenanceWindow::parse).toList(), inhibit, Duration.ofMinutes(10), reboot,
                Duration.ofMinutes(30));
    }

    @Test
    void installsAndRebootsInsideTheWindow() throws Exception {
        UpdateDaemon.Cycle c = daemon(settings(List.of("mon 11:00-13:00"), RebootPolicy.IMMEDIATELY, null), offering()).cycle();
        assertEquals("installed v2; rebooted into v2", c.what());
        assertEquals(List.of("daemon: reboot into v2"), reboots);
        assertTrue(c.next().compareTo(Duration.ofSeconds(60)) >= 0 && c.next().compareTo(Duration.ofSeconds(65)) <= 0);
        assertEquals(JournalState.ArtifactReboot, device.journal().load().state());
    }

    @Test
    void outsideTheWindowItDoesNotEvenAsk() throws Exception {
        UpdateDaemon d = daemon(settings(List.of("mon-fri 02:00-04:00"), RebootPolicy.IMMEDIATELY, null), offering());
        UpdateDaemon.Cycle c = d.cycle();
        assertTrue(c.what().startsWith("outside the maintenance windows (next opens in 840 min)"), c.what());
        assertEquals(0, checks);
        assertEquals(JournalState.Idle, device.journal().load().state());
    }

    @Test
    void rebootPolicyWindowDefersTheRebootToTheWindow() throws Exception {
        UpdateDaemon d = daemon(settings(List.of("mon 12:00-12:05"), RebootPolicy.WINDOW, null), offering());
        d.cycle(); // installs and reboots at 12:00
        assertEquals(1, reboots.size());
        reboots.clear();
        // same device, install pending again, now outside the window: no reboot
        device.journal().save(device.journal().load(), device.journal().load());
        now = now.plusMinutes(30);
        UpdateDaemon.Cycle c = d.cycle();
        assertEquals("v2 awaits a reboot in the next maintenance window", c.what());
        assertEquals(List.of(), reboots);
    }

    @Test
    void rebootPolicyNeverLeavesTheTrialArmed() throws Exception {
        UpdateDaemon.Cycle c = daemon(settings(List.of(), RebootPolicy.NEVER, null), offering()).cycle();
        assertEquals("installed v2; v2 awaits a reboot (reboot policy: never)", c.what());
        assertEquals(List.of(), reboots);
        assertEquals(Slot.B, device.boot().primarySlot());
    }

    @Test
    void inhibitLockHoldsTheInstallUntilItsMaximum() throws Exception {
        Path inhibit = Files.createDirectories(tmp.resolve("inhibit"));
        Files.writeString(inhibit.resolve("kiosk-app"), Long.toString(ProcessHandle.current().pid()));
        Files.writeString(inhibit.resolve("crashed-app"), "999999999"); // no such process: stale, ignored
        ZonedDateTime start = now;
        UpdateDaemon.Cycle c = daemon(settings(List.of(), RebootPolicy.IMMEDIATELY, inhibit), offering()).cycle();
        assertTrue(c.what().startsWith("installed v2"), c.what());
        // waited the install's 10 minutes, then the reboot's 10 minutes
        assertEquals(Duration.ofMinutes(20), Duration.between(start, now));
    }

    @Test
    void inhibitLockReleasedLetsItGoAhead() throws Exception {
        Path inhibit = Files.createDirectories(tmp.resolve("inhibit"));
        Path lock = Files.writeString(inhibit.resolve("kiosk-app"), "busy");
        UpdateDaemon d = new UpdateDaemon(device, offering(), settings(List.of(), RebootPolicy.IMMEDIATELY, inhibit),
                new UpdateDaemon.Environment() {
                    @Override
                    public ZonedDateTime now() {
                        return now;
                    }

                    @Override
                    public void sleep(Duration s) throws InterruptedException {
                        now = now.plus(s);
                        try {
                            Files.deleteIfExists(lock); // the application finishes its work
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public RandomGenerator random() {
                        return env.random();
                    }
                }, (dev, why) -> reboots.add(why));
        ZonedDateTime start = now;
        d.cycle();
        assertEquals(Duration.ofSeconds(5), Duration.between(start, now));
        assertEquals(1, reboots.size());
    }

    @Test
    void failuresBackOffAndSuccessResets() throws Exception {
        int[] calls = {0};
        UpdateSource failing = d -> {
            calls[0]++;
            if (calls[0] <= 3) {
                throw new UpdateException(ExitCode.NETWORK, "repository unreachable");
            }
            return Optional.empty();
        };
        UpdateDaemon d = daemon(new DaemonSettings(Duration.ofSeconds(60), Duration.ZERO, List.of(), null,
                Duration.ofMinutes(10), RebootPolicy.IMMEDIATELY, Duration.ofSeconds(200)), failing);
        assertEquals(Duration.ofSeconds(120), d.cycle().next());
        assertEquals(Duration.ofSeconds(200), d.cycle().next(), "240 s capped at 200 s");
        UpdateDaemon.Cycle third = d.cycle();
        assertTrue(third.failed());
        assertEquals(Duration.ofSeconds(200), third.next(), "capped");
        UpdateDaemon.Cycle ok = d.cycle();
        assertEquals("up to date", ok.what());
        assertEquals(Duration.ofSeconds(60), ok.next());
    }
}
