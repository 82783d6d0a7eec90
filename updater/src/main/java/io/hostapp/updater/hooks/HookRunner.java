package io.hostapp.updater.hooks;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.events.UpdateListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs update hooks: the executables in {@code HOOKS_DIR/PHASE/}, in lexical order, each with
 * {@code HOSTAPP_PHASE} and the update's facts in its environment. A hook that exits non-zero (or runs past
 * {@link #TIMEOUT_SECONDS}) fails the phase and is named in the error. A missing directory has no hooks.
 * {@code -n} skips hooks entirely (factory builds), as in balenaOS.
 */
public final class HookRunner {
    /**
     * Phases, as balenaOS names them: {@code before} the inactive slot is written; {@code forward} once it is
     * written and verified (carry state forward into it: configuration, databases); {@code after}, last,
     * just before the flag flip; {@code commit} after health checks passed (the only place for irreversible
     * steps); {@code cleanup} when an install failed (unless {@code -x}).
     */
    public enum Phase { before, forward, after, commit, cleanup }

    static final long TIMEOUT_SECONDS = 300;

    private final Path hooksDir;
    private final boolean skip;
    private final UpdateListener listener;

    public HookRunner(Path hooksDir, boolean skip, UpdateListener listener) {
        this.hooksDir = hooksDir;
        this.skip = skip;
        this.listener = listener;
    }

    public void run(Phase phase, Map<String, String> env) throws UpdateException {
        if (skip || hooksDir == null) {
            return;
        }
        Path dir = hooksDir.resolve(phase.name());
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> hooks;
        try (Stream<Path> s = Files.list(dir)) {
            hooks = s.filter(Files::isRegularFile).filter(Files::isExecutable).sorted().toList();
        } catch (IOException e) {
            throw new UpdateException(ExitCode.HOOK, "hooks " + dir + ": cannot list: " + e.getMessage(), e);
        }
        for (Path hook : hooks) {
            listener.info("hook " + phase + "/" + hook.getFileName());
            ProcessBuilder pb = new ProcessBuilder(hook.toString()).inheritIO();
            pb.environment().putAll(env);
            pb.environment().put("HOSTAPP_PHASE", phase.name());
            try {
                Process p = pb.start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new UpdateException(ExitCode.HOOK, "hook " + phase + "/" + hook.getFileName()
                            + " timed out after " + TIMEOUT_SECONDS + " s");
                }
                if (p.exitValue() != 0) {
                    throw new UpdateException(ExitCode.HOOK, "hook " + phase + "/" + hook.getFileName()
                            + " exited " + p.exitValue());
                }
            } catch (IOException e) {
                throw new UpdateException(ExitCode.HOOK, "hook " + phase + "/" + hook.getFileName() + ": "
                        + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpdateException(ExitCode.HOOK, "hook " + phase + "/" + hook.getFileName() + ": interrupted");
            }
        }
    }
}
