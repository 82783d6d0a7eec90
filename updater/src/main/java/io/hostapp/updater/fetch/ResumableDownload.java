package io.hostapp.updater.fetch;

import io.hostapp.updater.events.UpdateListener;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * One HTTP download as a plain {@link InputStream} that survives drops: when a connection resets, stalls past
 * the read timeout, ends early, or drips slower than the minimum rate, it reconnects with
 * {@code Range: bytes=POS-} and {@code If-Range: VALIDATOR} and carries on, so the reader (hashing,
 * decompressing, writing the slot) never notices. It checks every answer:
 * <ul>
 *   <li>a 206 must start exactly at the requested byte and keep the same total length and validator;</li>
 *   <li>a 200 after a drop means the server ignored the range: with the same validator the already-read
 *       prefix is skipped (and counted as refetched); with another validator the payload changed
 *       ({@link FetchException.Kind#CONTENT_CHANGED}: start over);</li>
 *   <li>never more than {@code maxLength} bytes (the signed length), whatever the server says;</li>
 *   <li>408, 429 and 5xx are retried (honouring {@code Retry-After}); other statuses and TLS failures are final.</li>
 * </ul>
 * A drop that gained bytes does not use up an attempt; {@code maxAttempts} consecutive attempts without progress,
 * or the overall deadline, end the download.
 */
public final class ResumableDownload extends InputStream {
    private final HttpFetcher fetcher;
    private final String url;
    private final long maxLength;
    private final long deadlineNanos;
    private final RateGuard rate;
    private final Backoff backoff;
    private final UpdateListener listener;

    private long expectedTotal = -1;
    private long position;
    private String validator;
    private Response response;
    private InputStream body;
    private long skip;
    private long gainedThisConnection;
    private int failures;
    private int reconnects;
    private long refetched;
    private long received;
    private boolean finished;
    private boolean staleRetried; // a failure on a pooled connection was retried at once since the last response
    private volatile boolean cancelled;
    private volatile Call call;

    ResumableDownload(HttpFetcher fetcher, String url, long maxLength, long startAt, String knownValidator,
                      UpdateListener listener) {
        this.position = startAt;
        this.validator = knownValidator;
        this.fetcher = fetcher;
        this.url = url;
        this.maxLength = maxLength;
        this.listener = listener;
        FetchPolicy p = fetcher.policy();
        this.deadlineNanos = fetcher.nanoTime() + p.deadline().toNanos();
        this.rate = new RateGuard(p.minBytesPerSecond(), p.rateWindow().toMillis(), p.bandwidthCap(), fetcher::nanoTime);
        this.backoff = new Backoff(p.backoffBase(), p.backoffCap(), fetcher.random());
    }

    /** Bytes handed to the reader so far. */
    public long position() {
        return position;
    }

    /** Total length as the server stated it, or -1 while unknown. */
    public long expectedTotal() {
        return expectedTotal;
    }

    /** The validator (strong ETag or Last-Modified) the server gave, or null; resuming later needs it. */
    public String validator() {
        return validator;
    }

    /**
     * Connects now (instead of at the first read) so a final HTTP status surfaces here, as callers that must
     * tell "no such file" from a broken body need.
     */
    public void start() throws IOException {
        while (body == null && !finished) {
            if (cancelled) {
                throw new java.io.InterruptedIOException(url + ": download cancelled");
            }
            connect();
        }
    }

    /** Cancels from another thread (SIGTERM): the blocked read fails at once, nothing is retried. */
    public void cancel() {
        cancelled = true;
        Call c = call;
        if (c != null) {
            c.cancel();
        }
    }

    /** Reconnections after drops. */
    public int reconnects() {
        return reconnects;
    }

    /** Bytes received more than once (a server that ignored a range request). */
    public long refetched() {
        return refetched;
    }

    /** Bytes received from the network, refetched ones included. */
    public long received() {
        return received;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (cancelled) {
                throw new java.io.InterruptedIOException(url + ": download cancelled at byte " + position);
            }
            if (finished || (expectedTotal >= 0 && position >= expectedTotal)) {
                finish();
                return -1;
            }
            if (body == null) {
                connect();
                continue;
            }
            int want = len;
            if (expectedTotal >= 0) {
                want = (int) Math.min(want, expectedTotal - position);
            }
            if (skip > 0) {
                want = (int) Math.min(want, skip);
            } else if (maxLength >= 0) {
                want = (int) Math.min(want, maxLength - position + 1); // one byte past the limit proves the overflow
            }
            int n;
            try {
                n = body.read(b, off, want);
            } catch (IOException e) {
                drop(describe(e));
                continue;
            }
            if (n < 0) {
                if (expectedTotal < 0) {
                    finish();
                    return -1;
                }
                drop("connection closed at byte " + position + " of " + expectedTotal);
                continue;
            }
            received += n;
            String slow = rate.onBytes(n);
            pace();
            if (skip > 0) {
                skip -= n;
                refetched += n;
                if (slow != null) {
                    drop(slow);
                }
                continue;
            }
            position += n;
            gainedThisConnection += n;
            if (maxLength >= 0 && position > maxLength) {
                throw fatal(FetchException.Kind.TOO_LONG, "more than the allowed " + maxLength + " bytes");
            }
            if (slow != null) {
                drop(slow);
            }
            return n;
        }
    }

    @Override
    public void close() {
        closeResponse();
        finished = true;
    }

    private void finish() {
        closeResponse();
        finished = true;
    }

    private void connect() throws IOException {
        PooledAttempt attempt = new PooledAttempt();
        Request.Builder rb = new Request.Builder().url(url).tag(PooledAttempt.class, attempt);
        if (position > 0) {
            rb.header("Range", "bytes=" + position + "-");
            if (validator != null) {
                rb.header("If-Range", validator);
            }
        }
        call = fetcher.client().newCall(rb.build());
        Response r;
        try {
            r = call.execute();
        } catch (SSLHandshakeException | SSLPeerUnverifiedException e) {
            throw fatal(FetchException.Kind.TLS, "TLS handshake failed: " + firstLine(e.getMessage()), e);
        } catch (ProtocolException e) {
            if (String.valueOf(e.getMessage()).startsWith("Too many follow-up requests")) {
                throw fatal(FetchException.Kind.PROTOCOL, "redirect loop (" + e.getMessage() + ")", e);
            }
            retryLater(describe(e), Optional.empty());
            return;
        } catch (IOException e) {
            if (attempt.pooled() && !staleRetried) { // read() checks for a cancel before the next try
                // a pooled connection the server had closed: the request never reached it, and OkHttp does
                // not use that connection again; try once more at once (a second failure waits its backoff)
                staleRetried = true;
                return;
            }
            retryLater(describe(e), Optional.empty());
            return;
        }
        staleRetried = false;
        int code = r.code();
        if (code == 200 || code == 206) {
            accept(r, code);
            return;
        }
        r.close();
        if (code == 416 && expectedTotal >= 0 && position == expectedTotal) {
            finished = true;
            return;
        }
        if (code == 408 || code == 429 || code >= 500) {
            retryLater("HTTP " + code, Backoff.parseRetryAfter(r.header("Retry-After"), ZonedDateTime.now(ZoneOffset.UTC)));
            return;
        }
        closeResponse();
        throw new FetchException(FetchException.Kind.HTTP_STATUS, url + ": HTTP " + code, code);
    }

    /** Checks a 200/206 answer against what we know, then reads its body. */
    private void accept(Response r, int code) throws IOException {
        String v = validatorOf(r);
        long total;
        long start;
        if (code == 206) {
            ContentRange cr = ContentRange.parse(r.header("Content-Range"));
            if (cr == null || cr.first() != position) {
                r.close();
                throw fatal(FetchException.Kind.PROTOCOL, "asked for bytes from " + position + ", got Content-Range '"
                        + r.header("Content-Range") + "'");
            }
            total = cr.total();
            start = position;
        } else {
            total = r.body().contentLength();
            start = 0;
        }
        if (position > 0 && validator != null && v != null && !validator.equals(v)) {
            r.close();
            throw fatal(FetchException.Kind.CONTENT_CHANGED, "payload changed on the server (validator " + validator
                    + " became " + v + ")");
        }
        if (position > 0 && expectedTotal >= 0 && total >= 0 && total != expectedTotal) {
            r.close();
            throw fatal(FetchException.Kind.CONTENT_CHANGED, "payload changed on the server (length " + expectedTotal
                    + " became " + total + ")");
        }
        if (maxLength >= 0 && total > maxLength) {
            r.close();
            throw fatal(FetchException.Kind.TOO_LONG, "server announces " + total + " bytes, more than the allowed "
                    + maxLength);
        }
        if (total >= 0) {
            expectedTotal = total;
        }
        if (validator == null) {
            validator = v;
        }
        skip = position - start; // a 200 after a drop: the server ignored the range, skip what we have
        response = r;
        body = r.body().byteStream();
        gainedThisConnection = 0;
        rate.start();
    }

    private void drop(String reason) throws IOException {
        closeResponse();
        if (gainedThisConnection > 0) {
            failures = 0; // progress: a link that drops every few minutes still finishes
        }
        reconnects++;
        retryLater(reason, Optional.empty());
    }

    private void retryLater(String reason, Optional<Duration> retryAfter) throws IOException {
        if (cancelled) {
            throw new java.io.InterruptedIOException(url + ": download cancelled at byte " + position);
        }
        failures++;
        if (failures >= fetcher.policy().maxAttempts()) {
            throw fatal(FetchException.Kind.GAVE_UP, "gave up after " + failures + " attempts without progress: " + reason);
        }
        Duration d = backoff.delay(failures, retryAfter);
        if (fetcher.nanoTime() + d.toNanos() > deadlineNanos) {
            throw fatal(FetchException.Kind.GAVE_UP, "deadline of " + fetcher.policy().deadline() + " reached: " + reason);
        }
        listener.fetchRetry(url, position, failures, d, reason);
        fetcher.sleep(d);
    }

    private void pace() throws IOException {
        long ms = rate.paceMillis();
        if (ms > 0) {
            fetcher.sleep(Duration.ofMillis(ms));
        }
    }

    private FetchException fatal(FetchException.Kind kind, String what) {
        return fatal(kind, what, null);
    }

    private FetchException fatal(FetchException.Kind kind, String what, Throwable cause) {
        closeResponse();
        return new FetchException(kind, url + ": " + what, cause);
    }

    private void closeResponse() {
        if (response != null) {
            response.close();
        }
        response = null;
        body = null;
    }

    /** Strong ETag if any, else Last-Modified: what If-Range accepts (RFC 9110 §13.1.5). Weak ETags are useless. */
    private static String validatorOf(Response r) {
        String etag = r.header("ETag");
        if (etag != null && !etag.startsWith("W/")) {
            return etag;
        }
        return r.header("Last-Modified");
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
