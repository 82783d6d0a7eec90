package io.hostapp.updater.health;

import io.hostapp.updater.events.UpdateListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthCheckRunnerTest {
    @TempDir
    Path tmp;

    private HealthContext ctx(boolean systemd) {
        return new HealthContext(tmp, tmp, Map.of("HOSTAPP_BOOTED_SLOT", "b"), systemd);
    }

    private HealthCheckRunner.Result run(HealthPolicy p, List<Long> sleeps) throws Exception {
        return new HealthCheckRunner(p, ctx(false), UpdateListener.NONE, sleeps::add).run();
    }

    @Test
    void allPassFirstAttempt() throws Exception {
        Files.createFile(tmp.resolve("ready"));
        HealthPolicy p = new HealthPolicy(3, 5, List.of(
                new HealthCheck.Command("env", List.of("sh", "-c", "test \"$HOSTAPP_BOOTED_SLOT\" = b"), 10),
                new HealthCheck.FileExists("ready", "/ready")));
        List<Long> sleeps = new ArrayList<>();
        HealthCheckRunner.Result r = run(p, sleeps);
        assertTrue(r.passed());
        assertEquals(1, r.attemptsUsed());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void retriesUntilACheckPassesWithinTheWindow() throws Exception {
        // the check passes from its third run on: a service that takes a while to come up
        Path counter = tmp.resolve("n");
        HealthPolicy p = new HealthPolicy(4, 7, List.of(new HealthCheck.Command("slow-service",
                List.of("sh", "-c", "echo x >> n; [ $(wc -l < n) -ge 3 ]"), 10)));
        List<Long> sleeps = new ArrayList<>();
        HealthCheckRunner.Result r = run(p, sleeps);
        assertTrue(r.passed());
        assertEquals(3, r.attemptsUsed());
        assertEquals(List.of(7L, 7L), sleeps);
        assertEquals(3, Files.readAllLines(counter).size());
    }

    @Test
    void failureNamesTheCheckAndItsLastOutputLine() throws Exception {
        HealthPolicy p = new HealthPolicy(2, 0, List.of(new HealthCheck.Command("engine",
                List.of("sh", "-c", "echo starting; echo 'engine: socket missing'; exit 3"), 10)));
        HealthCheckRunner.Result r = run(p, new ArrayList<>());
        assertFalse(r.passed());
        assertEquals(2, r.attemptsUsed());
        assertEquals("health check 'engine' failed: exit 3: engine: socket missing", r.reason());
    }

    @Test
    void commandTimesOut() {
        HealthCheck.Verdict v = new HealthCheck.Command("hang", List.of("sleep", "30"), 1).run(ctx(false));
        assertFalse(v.passed());
        assertEquals("timed out after 1 s", v.detail());
    }

    @Test
    void missingProgramFails() {
        HealthCheck.Verdict v = new HealthCheck.Command("x", List.of("/no/such/program"), 1).run(ctx(false));
        assertFalse(v.passed());
        assertTrue(v.detail().startsWith("cannot start /no/such/program"), v.detail());
    }

    @Test
    void missingFileFails() {
        HealthCheck.Verdict v = new HealthCheck.FileExists("f", "/run/app.ready").run(ctx(false));
        assertFalse(v.passed());
        assertTrue(v.detail().endsWith("run/app.ready does not exist"), v.detail());
    }

    @Test
    void systemdUnitSkippedWithoutSystemd() {
        HealthCheck.Verdict v = new HealthCheck.SystemdUnit("u", "balena.service").run(ctx(false));
        assertTrue(v.passed());
        assertEquals("skipped: systemd is not running", v.detail());
    }
}
