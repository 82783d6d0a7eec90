package io.hostapp.updater.fetch;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): the n-th
 * retry waits a uniform random time in {@code [0, min(cap, base·2^n)]}, so a fleet that lost its server at
 * the same moment does not come back in lockstep. A server's {@code Retry-After} replaces the random wait.
 */
final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** Wait before retry number {@code attempt} (1-based), or the server's {@code Retry-After} when it gave one. */
    Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long ceiling = base.toMillis() << Math.min(attempt - 1, 30);
        ceiling = Math.min(ceiling <= 0 ? Long.MAX_VALUE : ceiling, cap.toMillis());
        return Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    }

    /** Parses {@code Retry-After}: delta-seconds or an HTTP-date (RFC 9110 §10.2.3); junk is ignored. */
    static Optional<Duration> parseRetryAfter(String header, ZonedDateTime now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.strip();
        try {
            long s = Long.parseLong(h);
            return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
