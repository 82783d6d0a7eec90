package io.hostapp.updater.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The daemon's schedule and manners (from the {@code daemon} section of the device configuration).
 *
 * @param interval    time between polls
 * @param jitter      a uniform random extra delay in [0, jitter] on every poll, so a fleet does not poll in step
 * @param windows     maintenance windows (device local time); empty means always
 * @param inhibitDir  the applications' inhibit directory, or null
 * @param maxInhibit  longest wait for applications to release the inhibit lock before going ahead anyway
 * @param reboot      when to reboot into an installed update
 * @param backoffCap  longest wait after repeated failures (the wait doubles from {@code interval})
 */
public record DaemonSettings(Duration interval, Duration jitter, List<MaintenanceWindow> windows, Path inhibitDir,
                             Duration maxInhibit, RebootPolicy reboot, Duration backoffCap) {

    public static DaemonSettings defaults() {
        return new DaemonSettings(Duration.ofHours(1), Duration.ofMinutes(10), List.of(), null, Duration.ofHours(24),
                RebootPolicy.IMMEDIATELY, Duration.ofHours(6));
    }

    public DaemonSettings {
        windows = List.copyOf(windows);
    }

    /** True when no window is configured or one is open at {@code t}. */
    boolean windowOpen(java.time.ZonedDateTime t) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(t));
    }

    /** Time until a window opens (zero if one is open). */
    Duration untilWindow(java.time.ZonedDateTime t) {
        return windows.stream().map(w -> w.untilOpen(t)).min(Duration::compareTo).orElse(Duration.ZERO);
    }
}
