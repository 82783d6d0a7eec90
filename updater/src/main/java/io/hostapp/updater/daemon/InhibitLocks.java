package io.hostapp.updater.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Applications hold off updates by leaving a file in the inhibit directory (balenaOS's update lock, in
 * spirit): {@code /run/hostapp-update/inhibit.d/APP}. While any file is there the daemon starts no install
 * step that disturbs applications and does not reboot. A file whose content is a process id whose process is
 * gone is stale and ignored, so a crashed application cannot block updates for ever; the daemon also gives up
 * waiting after its maximum and says so.
 */
public final class InhibitLocks {
    private final Path dir;

    public InhibitLocks(Path dir) {
        this.dir = dir;
    }

    /** Names of the applications holding the lock now (empty when free or when the directory is absent). */
    public List<String> holders() {
        List<String> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p) && !stale(p)) {
                    out.add(p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            out.add("(cannot read " + dir + ": " + e.getMessage() + ")");
        }
        return out;
    }

    private static boolean stale(Path p) {
        try {
            String content = Files.readString(p).strip();
            if (content.matches("\\d{1,10}")) {
                return ProcessHandle.of(Long.parseLong(content)).map(h -> !h.isAlive()).orElse(true);
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
