package io.hostapp.tests.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launchers {@code scripts/hostapp-repo} and {@code scripts/hostapp-update} as processes, as an
 * operator or a systemd unit would. Needs the shaded jar: run with {@code mvn verify} (packages the updater first).
 */
final class Launchers {
    record Result(int rc, String out, String err) {
        String all() {
            return out + err;
        }

        /** The error lines: every error is exactly one line on stderr. */
        List<String> errorLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path JAR = REPO.resolve("updater/target/hostapp-update.jar");

    private Launchers() {
    }

    static Result repo(String... args) throws IOException, InterruptedException {
        return run("hostapp-repo", args);
    }

    /** {@link #repo} with extra environment variables (e.g. HOSTAPP_REPO_HEAP). */
    static Result repo(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(env, "hostapp-repo", args);
    }

    static Result device(String... args) throws IOException, InterruptedException {
        return run("hostapp-update", args);
    }

    static ProcessBuilder builder(String launcher, String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " missing: run the tests with 'mvn verify' (packages the updater first)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(REPO.resolve("scripts").resolve(launcher).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return pb;
    }

    static Result run(String launcher, String... args) throws IOException, InterruptedException {
        return run(Map.of(), launcher, args);
    }

    static Result run(Map<String, String> env, String launcher, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = builder(launcher, args);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(launcher + " " + String.join(" ", args) + " timed out");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
