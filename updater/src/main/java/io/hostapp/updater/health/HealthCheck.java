package io.hostapp.updater.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One health check from a board file. Each kind answers {@link #run} with a {@link Verdict}; a check never
 * throws, because a check that cannot run has failed.
 */
public sealed interface HealthCheck {

    /** Name shown in outcomes ("rolled back: health check 'engine' failed: exit 1"). */
    String name();

    Verdict run(HealthContext ctx);

    /** Result of one check run. */
    record Verdict(boolean passed, String detail) {
        static Verdict pass(String detail) {
            return new Verdict(true, detail);
        }

        static Verdict fail(String detail) {
            return new Verdict(false, detail);
        }
    }

    /**
     * Runs a command; exit 0 within the timeout passes. It gets {@code HOSTAPP_BOOTED_SLOT},
     * {@code HOSTAPP_BOOTED_DEVICE} and {@code HOSTAPP_DATA_DIR} in its environment and, on a simulated
     * device, runs in the device directory.
     */
    record Command(String name, List<String> command, long timeoutSeconds) implements HealthCheck {
        @Override
        public Verdict run(HealthContext ctx) {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.directory(ctx.workDir().toFile());
            pb.environment().putAll(ctx.environment());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return Verdict.fail("cannot start " + command.get(0) + ": " + e.getMessage());
            }
            try {
                // Drain output so a chatty check cannot block on a full pipe; keep the last line for the outcome.
                byte[] out = p.getInputStream().readNBytes(64 * 1024);
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Verdict.fail("timed out after " + timeoutSeconds + " s");
                }
                String last = lastLine(new String(out, StandardCharsets.UTF_8));
                int rc = p.exitValue();
                return rc == 0 ? Verdict.pass("exit 0") : Verdict.fail("exit " + rc + (last.isEmpty() ? "" : ": " + last));
            } catch (IOException e) {
                p.destroyForcibly();
                return Verdict.fail("reading output: " + e.getMessage());
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                return Verdict.fail("interrupted");
            }
        }

        private static String lastLine(String s) {
            String[] lines = s.strip().split("\n");
            String l = lines[lines.length - 1].strip();
            return l.length() > 200 ? l.substring(0, 200) : l;
        }
    }

    /** A file that must exist (relative to the device root; on a simulated device, its directory). */
    record FileExists(String name, String path) implements HealthCheck {
        @Override
        public Verdict run(HealthContext ctx) {
            Path p = ctx.resolve(path);
            return Files.exists(p) ? Verdict.pass(p + " exists") : Verdict.fail(p + " does not exist");
        }
    }

    /** A systemd unit that must be active, where systemd runs; elsewhere it is reported and skipped. */
    record SystemdUnit(String name, String unit) implements HealthCheck {
        @Override
        public Verdict run(HealthContext ctx) {
            if (!ctx.systemdRunning()) {
                return Verdict.pass("skipped: systemd is not running");
            }
            return new Command(name, List.of("systemctl", "is-active", "--quiet", unit), 30).run(ctx);
        }
    }
}
