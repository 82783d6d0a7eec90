package io.hostapp.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@link BootBackend} that asks an external program, for boards whose bootloader this project does not know
 * (protocol: CUSTOM.md). The program is started once per call as {@code PROGRAM [ARGS...] VERB [SLOT
 * [LIMIT]]}, with the board's arguments first:
 * <pre>
 * verb                  answers on stdout (one line)     does
 * booted                a | b                            the slot running now, as the bootloader reported it
 * primary               a | b                            the slot booted next
 * state SLOT            good | trying | fallback | bad   what the flags say about SLOT
 * fallback-reported     yes | no                         the bootloader fell back from a failed trial
 * try SLOT LIMIT        (nothing)                        arm a trial of SLOT, at most LIMIT boots (1..9)
 * mark-good SLOT        (nothing)                        commit SLOT
 * mark-bad SLOT         (nothing)                        make sure SLOT is not booted
 * </pre>
 * Exit status 0 is success; anything else is an error whose message is the program's last stderr line. A
 * program that runs longer than the timeout is killed. Nothing is parsed but the first stdout line, trimmed.
 * Errors read "custom backend: PROGRAM state b: exited 3: no such slot".
 */
public final class CustomBackend implements BootBackend {
    private final List<String> program;
    private final Duration timeout;
    private final Path workDir;

    /**
     * @param program program and its leading arguments (from the board file)
     * @param timeout how long one call may take
     * @param workDir working directory of the program (a simulated device's directory), or null to inherit
     */
    public CustomBackend(List<String> program, Duration timeout, Path workDir) {
        if (program.isEmpty()) {
            throw new IllegalArgumentException("custom backend: no program given");
        }
        this.program = List.copyOf(program);
        this.timeout = timeout;
        this.workDir = workDir;
    }

    @Override
    public String name() {
        return "custom";
    }

    @Override
    public Slot bootedSlot() throws BootException {
        return slot(call("booted"), "booted");
    }

    @Override
    public Slot primarySlot() throws BootException {
        return slot(call("primary"), "primary");
    }

    @Override
    public void tryOnce(Slot slot, int bootLimit) throws BootException {
        BootCountScheme.checkLimit(bootLimit);
        call("try", slot.id(), Integer.toString(bootLimit));
    }

    @Override
    public void markGood(Slot slot) throws BootException {
        call("mark-good", slot.id());
    }

    @Override
    public void markBad(Slot slot) throws BootException {
        call("mark-bad", slot.id());
    }

    @Override
    public SlotState state(Slot slot) throws BootException {
        String a = call("state", slot.id());
        try {
            return SlotState.valueOf(a.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw answer("state " + slot.id(), a, "good, trying, fallback or bad");
        }
    }

    @Override
    public boolean fallbackReported() throws BootException {
        String a = call("fallback-reported");
        switch (a) {
            case "yes": return true;
            case "no": return false;
            default: throw answer("fallback-reported", a, "yes or no");
        }
    }

    private Slot slot(String answer, String verb) throws BootException {
        try {
            return Slot.parse(answer);
        } catch (IllegalArgumentException e) {
            throw answer(verb, answer, "a or b");
        }
    }

    private BootException answer(String call, String got, String want) {
        return new BootException("custom backend: " + program.get(0) + " " + call + ": answered '" + got
                + "', expected " + want);
    }

    /** Runs one verb; returns the first stdout line, trimmed (empty when there is none). */
    private String call(String... verb) throws BootException {
        List<String> cmd = new ArrayList<>(program);
        cmd.addAll(List.of(verb));
        String what = "custom backend: " + program.get(0) + " " + String.join(" ", verb);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("hostapp-custom", ".out");
            err = Files.createTempFile("hostapp-custom", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (workDir != null) {
                pb.directory(workDir.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new BootException(what + ": no answer within " + timeout.toSeconds() + " s (killed)");
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
                String last = lines.stream().map(String::strip).filter(s -> !s.isEmpty())
                        .reduce((a, b) -> b).orElse("(no message on stderr)");
                throw new BootException(what + ": exited " + p.exitValue() + ": " + last);
            }
            return Files.readAllLines(out, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new BootException(what + ": cannot run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BootException(what + ": interrupted");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
