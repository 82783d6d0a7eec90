package io.hostapp.updater.hooks;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.events.UpdateListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HookRunnerTest {
    @TempDir
    Path tmp;

    private void hook(String phase, String name, String body) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("hooks").resolve(phase));
        Path f = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void runsExecutablesOfThePhaseInLexicalOrderWithTheirEnvironment() throws Exception {
        Path log = tmp.resolve("log");
        hook("before", "20-second", "echo \"second $HOSTAPP_PHASE $HOSTAPP_RELEASE\" >> " + log);
        hook("before", "10-first", "echo \"first $HOSTAPP_PHASE\" >> " + log);
        hook("after", "10-other-phase", "echo after >> " + log);
        new HookRunner(tmp.resolve("hooks"), false, UpdateListener.NONE).run(HookRunner.Phase.before,
                Map.of("HOSTAPP_RELEASE", "v2"));
        assertEquals(List.of("first before", "second before v2"), Files.readAllLines(log));
    }

    @Test
    void failingHookIsNamed() throws Exception {
        hook("after", "50-migrate-db", "exit 4");
        UpdateException e = assertThrows(UpdateException.class, () ->
                new HookRunner(tmp.resolve("hooks"), false, UpdateListener.NONE).run(HookRunner.Phase.after, Map.of()));
        assertEquals(ExitCode.HOOK, e.exitCode());
        assertEquals("hook after/50-migrate-db exited 4", e.getMessage());
    }

    @Test
    void skipRunsNothingAndMissingDirectoryHasNoHooks() throws Exception {
        Path log = tmp.resolve("log");
        hook("before", "10", "echo ran >> " + log);
        new HookRunner(tmp.resolve("hooks"), true, UpdateListener.NONE).run(HookRunner.Phase.before, Map.of());
        new HookRunner(tmp.resolve("none"), false, UpdateListener.NONE).run(HookRunner.Phase.before, Map.of());
        assertFalse(Files.exists(log));
    }
}
