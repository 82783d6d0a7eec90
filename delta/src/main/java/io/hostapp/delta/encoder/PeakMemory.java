package io.hostapp.delta.encoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this process's peak resident set size from {@code /proc/self/status} (Linux). */
public final class PeakMemory {
    private PeakMemory() {
    }

    /** VmHWM in bytes, or -1 where /proc is unavailable. */
    public static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
