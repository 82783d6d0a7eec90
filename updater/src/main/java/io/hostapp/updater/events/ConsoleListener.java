package io.hostapp.updater.events;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Renders events for people: short lines prefixed {@code hostapp-update:} (they stand out in a transcript
 * and in journald), and on a terminal a progress bar with rate and ETA (me.tongfei:progressbar) for the
 * streaming phases. Off a terminal, progress is a line at every 25%.
 */
public final class ConsoleListener implements UpdateListener {
    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;
    private String barPhase;
    private int lastQuarter = -1;

    public ConsoleListener(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Progress bars when this process writes to a terminal. */
    public static ConsoleListener forStdout() {
        return new ConsoleListener(System.out, System.console() != null);
    }

    @Override
    public void stepStarted(String step) {
        closeBar();
        lastQuarter = -1;
        out.println("hostapp-update: " + step + " ...");
    }

    @Override
    public void stepFinished(String step) {
        closeBar();
    }

    @Override
    public void stepFailed(String step, String reason) {
        closeBar();
        out.println("hostapp-update: " + step + " FAILED: " + reason);
    }

    @Override
    public void progress(String phase, long done, long total) {
        if (terminal) {
            if (bar == null || !phase.equals(barPhase)) {
                closeBar();
                barPhase = phase;
                bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(total > 0 ? total : -1)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" MiB", 1 << 20).showSpeed()
                        .setUpdateIntervalMillis(250).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                        .build();
            }
            bar.stepTo(done);
            return;
        }
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
        closeBar();
        out.println("hostapp-update: journal " + from + " -> " + to);
    }

    @Override
    public void healthCheck(String check, int attempt, int attempts, boolean passed, String detail) {
        out.printf("hostapp-update: health check '%s' attempt %d/%d: %s (%s)%n", check, attempt, attempts,
                passed ? "pass" : "FAIL", detail);
    }

    @Override
    public void fetchRetry(String url, long position, int attempt, Duration delay, String reason) {
        closeBar();
        out.printf("hostapp-update: download interrupted at byte %d (%s); retry %d in %.1f s%n", position, reason,
                attempt, delay.toMillis() / 1000.0);
    }

    @Override
    public void info(String message) {
        closeBar();
        out.println("hostapp-update: " + message);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
            barPhase = null;
        }
    }
}
