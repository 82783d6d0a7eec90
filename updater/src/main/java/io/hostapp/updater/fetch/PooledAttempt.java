package io.hostapp.updater.fetch;

import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;

import java.net.InetSocketAddress;
import java.net.Proxy;

/**
 * Whether a request went out on a connection opened for it or on one taken from OkHttp's pool. A pooled
 * connection may have been closed by the server while it sat idle (its keep-alive timeout ran out, or an
 * HTTP/1.0-style server closed it after one response without saying so); a request sent on it fails before
 * any response, and the server never saw it. {@link ResumableDownload} retries such a failure once at
 * once instead of after a backoff (OkHttp's own retry, which would do the same, is off: see
 * {@link HttpFetcher}). Attached to each request as its tag; {@link #LISTENER} marks it when OkHttp opens a
 * connection for it and when it acquires one.
 */
final class PooledAttempt {
    private volatile boolean opened;
    private volatile boolean acquired;

    /**
     * True if the request got a connection from the pool: it acquired one without OkHttp opening one for it
     * (a request that failed before it had any connection, e.g. on DNS, is not pooled).
     */
    boolean pooled() {
        return acquired && !opened;
    }

    static final EventListener.Factory LISTENER = call -> new EventListener() {
        @Override
        public void connectStart(Call c, InetSocketAddress address, Proxy proxy) {
            PooledAttempt a = c.request().tag(PooledAttempt.class);
            if (a != null) {
                a.opened = true;
            }
        }

        @Override
        public void connectionAcquired(Call c, Connection connection) {
            PooledAttempt a = c.request().tag(PooledAttempt.class);
            if (a != null) {
                a.acquired = true;
            }
        }
    };
}
