package io.hostapp.updater.fetch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Watches one connection's byte rate. Slow retrieval (TUF's name for a server that drips bytes to hold a
 * device on old software): when, a whole window after connecting, the bytes of the last window average less
 * than the minimum rate, {@link #onBytes} says so and the download reconnects. The optional bandwidth cap is a
 * simple pacing: after {@code n} bytes at most {@code n / cap} seconds may have passed, else it waits.
 */
final class RateGuard {
    private final long minBytesPerSecond;
    private final long windowMillis;
    private final long capBytesPerSecond;
    private final LongSupplier nanoClock;
    private final Deque<long[]> samples = new ArrayDeque<>(); // {millis, bytes}
    private long startMillis;
    private long total;

    RateGuard(long minBytesPerSecond, long windowMillis, long capBytesPerSecond, LongSupplier nanoClock) {
        this.minBytesPerSecond = minBytesPerSecond;
        this.windowMillis = windowMillis;
        this.capBytesPerSecond = capBytesPerSecond;
        this.nanoClock = nanoClock;
    }

    /** A new connection starts measuring afresh. */
    void start() {
        samples.clear();
        total = 0;
        startMillis = now();
    }

    /** Records {@code n} bytes; returns a reason when the connection is too slow, else null. */
    String onBytes(long n) {
        long t = now();
        total += n;
        samples.addLast(new long[] {t, n});
        while (!samples.isEmpty() && samples.peekFirst()[0] < t - windowMillis) {
            samples.removeFirst();
        }
        if (minBytesPerSecond <= 0 || t - startMillis < windowMillis) {
            return null;
        }
        long inWindow = 0;
        for (long[] s : samples) {
            inWindow += s[1];
        }
        long needed = minBytesPerSecond * windowMillis / 1000;
        return inWindow < needed ? "slow retrieval: " + inWindow + " bytes in the last " + windowMillis / 1000.0
                + " s, below " + minBytesPerSecond + " B/s" : null;
    }

    /** Milliseconds to wait so the connection stays under the bandwidth cap (0 when uncapped or on pace). */
    long paceMillis() {
        if (capBytesPerSecond <= 0) {
            return 0;
        }
        long earliest = startMillis + total * 1000 / capBytesPerSecond;
        return Math.max(0, earliest - now());
    }

    private long now() {
        return nanoClock.getAsLong() / 1_000_000;
    }
}
