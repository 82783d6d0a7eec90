package io.hostapp.updater.fetch;

import java.time.Duration;

/**
 * How hard the fetcher tries. Defaults suit a cellular link that drops every few minutes: a drop that made
 * progress does not use up an attempt, only consecutive failures do.
 *
 * @param connectTimeout     TCP + TLS connect
 * @param readTimeout        per read: a stalled body counts as a drop after this long
 * @param deadline           the whole download, retries and waits included
 * @param maxAttempts        consecutive failed attempts (no byte gained) before giving up
 * @param backoffBase        first retry waits up to this long (full jitter: uniform in [0, base·2^n], capped)
 * @param backoffCap         no wait is longer (a server's {@code Retry-After} is honoured up to the deadline)
 * @param minBytesPerSecond  slow-retrieval guard: reconnect when the average over {@code rateWindow} is lower (0 = off)
 * @param rateWindow         window of that average
 * @param bandwidthCap       bytes per second at most (0 = unlimited)
 */
public record FetchPolicy(Duration connectTimeout, Duration readTimeout, Duration deadline, int maxAttempts,
                          Duration backoffBase, Duration backoffCap, long minBytesPerSecond, Duration rateWindow,
                          long bandwidthCap) {

    public static FetchPolicy defaults() {
        return new FetchPolicy(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofHours(6), 8,
                Duration.ofSeconds(1), Duration.ofMinutes(5), 1024, Duration.ofSeconds(120), 0);
    }

    public FetchPolicy withDeadline(Duration d) {
        return new FetchPolicy(connectTimeout, readTimeout, d, maxAttempts, backoffBase, backoffCap, minBytesPerSecond,
                rateWindow, bandwidthCap);
    }

    public FetchPolicy withReadTimeout(Duration d) {
        return new FetchPolicy(connectTimeout, d, deadline, maxAttempts, backoffBase, backoffCap, minBytesPerSecond,
                rateWindow, bandwidthCap);
    }

    public FetchPolicy withBackoff(Duration base, Duration cap) {
        return new FetchPolicy(connectTimeout, readTimeout, deadline, maxAttempts, base, cap, minBytesPerSecond,
                rateWindow, bandwidthCap);
    }

    public FetchPolicy withMinRate(long bytesPerSecond, Duration window) {
        return new FetchPolicy(connectTimeout, readTimeout, deadline, maxAttempts, backoffBase, backoffCap,
                bytesPerSecond, window, bandwidthCap);
    }

    public FetchPolicy withBandwidthCap(long bytesPerSecond) {
        return new FetchPolicy(connectTimeout, readTimeout, deadline, maxAttempts, backoffBase, backoffCap,
                minBytesPerSecond, rateWindow, bytesPerSecond);
    }

    public FetchPolicy withMaxAttempts(int n) {
        return new FetchPolicy(connectTimeout, readTimeout, deadline, n, backoffBase, backoffCap, minBytesPerSecond,
                rateWindow, bandwidthCap);
    }
}
