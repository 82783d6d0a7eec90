package io.hostapp.updater.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a health check may know about the device it runs on.
 *
 * @param root           prefix for file checks ({@code /} on a real device, the device directory when simulated)
 * @param workDir        working directory of command checks
 * @param environment    extra environment for command checks
 * @param systemdRunning whether systemd is PID 1 (only then are unit checks meaningful)
 */
public record HealthContext(Path root, Path workDir, Map<String, String> environment, boolean systemdRunning) {

    /** True when this machine runs systemd ({@code /run/systemd/system} exists, as sd_booted(3) checks). */
    public static boolean detectSystemd() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }

    Path resolve(String path) {
        String rel = path.startsWith("/") ? path.substring(1) : path;
        return root.resolve(rel);
    }
}
