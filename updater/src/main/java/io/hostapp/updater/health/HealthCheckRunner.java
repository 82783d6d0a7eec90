package io.hostapp.updater.health;

import io.hostapp.updater.events.UpdateListener;

import java.util.Optional;

/**
 * Runs a {@link HealthPolicy}: attempt after attempt until every check passes in one attempt, or the
 * attempts run out. The result names the check that failed last, so the outcome can say why.
 */
public final class HealthCheckRunner {

    /** What the window concluded. {@code failedCheck} is empty when all passed. */
    public record Result(boolean passed, int attemptsUsed, Optional<String> failedCheck, String detail) {
        /** "health check 'NAME' failed: DETAIL" for outcomes. */
        public String reason() {
            return passed ? "health checks passed" : "health check '" + failedCheck.orElse("?") + "' failed: " + detail;
        }
    }

    /** How the runner waits between attempts; tests pass a no-op. */
    public interface Sleeper {
        void sleep(long seconds) throws InterruptedException;
    }

    private final HealthPolicy policy;
    private final HealthContext ctx;
    private final UpdateListener listener;
    private final Sleeper sleeper;

    public HealthCheckRunner(HealthPolicy policy, HealthContext ctx, UpdateListener listener, Sleeper sleeper) {
        this.policy = policy;
        this.ctx = ctx;
        this.listener = listener;
        this.sleeper = sleeper;
    }

    public Result run() throws InterruptedException {
        String failed = null;
        String detail = "";
        for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
            if (attempt > 1) {
                sleeper.sleep(policy.intervalSeconds());
            }
            failed = null;
            for (HealthCheck check : policy.checks()) {
                HealthCheck.Verdict v = check.run(ctx);
                listener.healthCheck(check.name(), attempt, policy.attempts(), v.passed(), v.detail());
                if (!v.passed()) {
                    failed = check.name();
                    detail = v.detail();
                    break;
                }
            }
            if (failed == null) {
                return new Result(true, attempt, Optional.empty(), "");
            }
        }
        return new Result(false, policy.attempts(), Optional.of(failed), detail);
    }
}
