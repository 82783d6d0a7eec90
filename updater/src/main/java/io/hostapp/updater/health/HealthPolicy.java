package io.hostapp.updater.health;

import java.util.List;

/**
 * The health window: every check must pass in the same attempt; up to {@code attempts} attempts,
 * {@code intervalSeconds} apart. balenaOS's rollback-health uses 15 attempts 60 s apart.
 */
public record HealthPolicy(int attempts, long intervalSeconds, List<HealthCheck> checks) {
    /** No checks: the first boot of a new slot that reaches the agent commits it. */
    public static final HealthPolicy NONE = new HealthPolicy(1, 0, List.of());

    public HealthPolicy {
        checks = List.copyOf(checks);
    }
}
