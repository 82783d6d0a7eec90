package io.hostapp.updater.device;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A simulated device "reboots" by leaving {@code DIR/reboot-requested} (holding the reason); the simulated
 * power cycle ({@code sim boot}, or {@code -r}) sees it and boots again.
 */
public final class SimulatedReboot implements Rebooter {
    public static final String MARKER = "reboot-requested";
    private final Path dir;

    SimulatedReboot(Path dir) {
        this.dir = dir;
    }

    @Override
    public void reboot(String why) throws UpdateException {
        try {
            Files.writeString(dir.resolve(MARKER), why + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "simulated reboot: " + e.getMessage(), e);
        }
    }

    /** Takes the pending request, if any: returns its reason and removes the marker. */
    public static String take(Path dir) throws IOException {
        Path m = dir.resolve(MARKER);
        if (!Files.exists(m)) {
            return null;
        }
        String why = Files.readString(m, StandardCharsets.UTF_8).strip();
        Files.delete(m);
        return why;
    }
}
