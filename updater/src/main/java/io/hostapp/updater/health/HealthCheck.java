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
            Path out;
            try {
                // Output goes to a file, not a pipe: a pipe would block the timeout on a child that never
                // closes it (a grandchild keeps it open), and a chatty check could fill it.
                out = Files.createTempFile("hostapp-health", ".out");
            } catch (IOException e) {
                return Verdict.fail("cannot create output file: " + e.getMessage());
            }
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.directory(ctx.workDir().toFile());
            pb.environment().putAll(ctx.environment());
            try {
                Process p;
                try {
                    p = pb.start();
                } catch (IOException e) {
                    return Verdict.fail("cannot start " + command.get(0) + ": " + e.getMessage());
                }
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    return Verdict.fail("timed out after " + timeoutSeconds + " s");
                }
                int rc = p.exitValue();
                String last = lastLine(tail(out));
                return rc == 0 ? Verdict.pass("exit 0") : Verdict.fail("exit " + rc + (last.isEmpty() ? "" : ": " + last));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Verdict.fail("interrupted");
            } finally {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a stray temp file is harmless
                }
            }
        }

        private static String tail(Path f) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
                long from = Math.max(0, ch.size() - 4096);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) (ch.size() - from));
                ch.read(b, from);
                return new String(b.array(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
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
