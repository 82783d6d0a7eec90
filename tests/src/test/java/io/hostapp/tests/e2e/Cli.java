package io.hostapp.tests.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code hostapp-update} CLI as its own process, through the launcher script, exactly as a user
 * or a systemd unit would. Needs the shaded jar: run the tests with {@code mvn verify}, which packages the
 * updater module first.
 */
final class Cli {
    record Result(int rc, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path LAUNCHER = REPO.resolve("scripts/hostapp-update");
    static final Path JAR = REPO.resolve("updater/target/hostapp-update.jar");

    private Cli() {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " missing: run the tests with 'mvn verify' (packages the updater first)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("hostapp-update " + String.join(" ", args) + " timed out");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** Runs an external tool (fw_printenv, mke2fs ...) and returns its result. */
    static Result tool(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        byte[] o = p.getInputStream().readAllBytes();
        byte[] e = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(cmd[0] + " timed out");
        }
        return new Result(p.exitValue(), new String(o, StandardCharsets.UTF_8), new String(e, StandardCharsets.UTF_8));
    }
}
