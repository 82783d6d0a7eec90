package io.hostapp.updater.events;

import java.io.PrintStream;

/**
 * Renders events as short human-readable lines, prefixed with {@code hostapp-update:} so they stand out in
 * a demo transcript and in journald. Progress is printed at most every 25%.
 */
public final class ConsoleListener implements UpdateListener {
    private final PrintStream out;
    private int lastQuarter = -1;

    public ConsoleListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void stepStarted(String step) {
        lastQuarter = -1;
        out.println("hostapp-update: " + step + " ...");
    }

    @Override
    public void stepFailed(String step, String reason) {
        out.println("hostapp-update: " + step + " FAILED: " + reason);
    }

    @Override
    public void progress(String phase, long done, long total) {
        if (total <= 0) {
            return;
        }
        int quarter = (int) (done * 4 / total);
        if (quarter > lastQuarter && quarter > 0) {
            lastQuarter = quarter;
            out.printf("hostapp-update:   %s %d%% (%d/%d bytes)%n", phase, quarter * 25, done, total);
        }
    }

    @Override
    public void stateChanged(String from, String to) {
        out.println("hostapp-update: journal " + from + " -> " + to);
    }

    @Override
    public void healthCheck(String check, int attempt, int attempts, boolean passed, String detail) {
        out.printf("hostapp-update: health check '%s' attempt %d/%d: %s (%s)%n", check, attempt, attempts,
                passed ? "pass" : "FAIL", detail);
    }

    @Override
    public void fetchRetry(String url, long position, int attempt, java.time.Duration delay, String reason) {
        out.printf("hostapp-update: download interrupted at byte %d (%s); retry %d in %.1f s%n", position, reason,
                attempt, delay.toMillis() / 1000.0);
    }

    @Override
    public void info(String message) {
        out.println("hostapp-update: " + message);
    }
}
