package io.hostapp.updater.fetch;

import io.hostapp.updater.events.UpdateListener;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The agent's HTTP client: OkHttp (HTTP/1.1 and HTTP/2), system CAs or a pinned bundle, optional client
 * certificate, proxy from the configuration or the environment, and the retry policy of {@link FetchPolicy}.
 * OkHttp's own silent retry is off: {@link ResumableDownload} decides every retry, so each one is counted,
 * paced and reported; the one retry it makes at once is for a request that failed on a pooled connection
 * the server had closed ({@link PooledAttempt}).
 */
public final class HttpFetcher {
    /** How the fetcher waits and tells time; tests replace it to run backoff without sleeping. */
    public interface Clock {
        long nanoTime();

        void sleep(Duration d) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(d.toMillis());
            }
        };
    }

    private final OkHttpClient client;
    private final FetchPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final UpdateListener listener;

    HttpFetcher(OkHttpClient client, FetchPolicy policy, Clock clock, RandomGenerator random, UpdateListener listener) {
        this.client = client;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.listener = listener;
    }

    /** A fetcher for {@code cfg}, reading proxy variables from this process's environment. */
    public static HttpFetcher create(FetchConfig cfg, FetchPolicy policy, UpdateListener listener) throws FetchException {
        return create(cfg, policy, listener, System.getenv(), Clock.SYSTEM);
    }

    public static HttpFetcher create(FetchConfig cfg, FetchPolicy policy, UpdateListener listener,
                                     Map<String, String> env, Clock clock) throws FetchException {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(policy.connectTimeout())
                .readTimeout(policy.readTimeout())
                .retryOnConnectionFailure(false)
                .eventListenerFactory(PooledAttempt.LISTENER)
                .followRedirects(true)
                .followSslRedirects(true);
        Optional<TlsMaterial.Context> tls = TlsMaterial.load(cfg);
        tls.ifPresent(t -> b.sslSocketFactory(t.ssl().getSocketFactory(), t.trust()));
        EnvProxySelector proxies = EnvProxySelector.from(env, cfg.proxy().orElse(null));
        b.proxySelector(proxies);
        URI withAuth = proxies.httpsProxy() != null && proxies.httpsProxy().getUserInfo() != null ? proxies.httpsProxy()
                : proxies.httpProxy() != null && proxies.httpProxy().getUserInfo() != null ? proxies.httpProxy() : null;
        if (withAuth != null) {
            String[] up = withAuth.getUserInfo().split(":", 2);
            String credential = Credentials.basic(up[0], up.length > 1 ? up[1] : "");
            b.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null ? null
                    : response.request().newBuilder().header("Proxy-Authorization", credential).build());
        }
        return new HttpFetcher(b.build(), policy, clock, RandomGenerator.getDefault(), listener);
    }

    /**
     * Starts a download of {@code url}; nothing is sent until the first read.
     *
     * @param maxLength the most bytes the download may deliver (the signed length), or -1 when unknown
     */
    public ResumableDownload open(String url, long maxLength) throws FetchException {
        return resume(url, maxLength, 0, null);
    }

    /**
     * Continues a download that already has its first {@code startAt} bytes (kept in a cache file); the
     * server must still serve the same payload ({@code validator}), else it is {@link FetchException.Kind#CONTENT_CHANGED}.
     */
    public ResumableDownload resume(String url, long maxLength, long startAt, String validator) throws FetchException {
        HttpUrl u = HttpUrl.parse(url);
        if (u == null) {
            throw new FetchException(FetchException.Kind.CONFIG, url + ": not an http or https URL");
        }
        return new ResumableDownload(this, url, maxLength, startAt, validator, listener);
    }

    OkHttpClient client() {
        return client;
    }

    FetchPolicy policy() {
        return policy;
    }

    RandomGenerator random() {
        return random;
    }

    long nanoTime() {
        return clock.nanoTime();
    }

    void sleep(Duration d) throws InterruptedIOException {
        try {
            clock.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
