package io.hostapp.manifest.publish;

import java.time.Duration;

/**
 * How long each role's metadata stays valid after it is signed. Defaults: timestamp 1 day (a cron job
 * re-signs it: {@link RepositoryPublisher#refreshTimestamp}), snapshot 7 days, targets 90 days, root 365 days.
 */
public record ExpiryPolicy(Duration root, Duration targets, Duration snapshot, Duration timestamp) {

    public static ExpiryPolicy defaults() {
        return new ExpiryPolicy(Duration.ofDays(365), Duration.ofDays(90), Duration.ofDays(7), Duration.ofDays(1));
    }

    public Duration forRole(String role) {
        return switch (role) {
            case "root" -> root;
            case "timestamp" -> timestamp;
            case "snapshot" -> snapshot;
            default -> targets;
        };
    }
}
