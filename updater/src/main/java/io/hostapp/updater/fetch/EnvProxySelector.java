package io.hostapp.updater.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy rules every Unix tool follows: {@code https_proxy}/{@code HTTPS_PROXY} for https URLs,
 * {@code http_proxy}/{@code HTTP_PROXY} for http, {@code no_proxy}/{@code NO_PROXY} a comma list of host
 * suffixes (or {@code *}) to reach directly. A configured proxy overrides the environment for both schemes.
 */
final class EnvProxySelector extends ProxySelector {
    private final URI httpProxy;
    private final URI httpsProxy;
    private final List<String> noProxy;

    EnvProxySelector(URI httpProxy, URI httpsProxy, List<String> noProxy) {
        this.httpProxy = httpProxy;
        this.httpsProxy = httpsProxy;
        this.noProxy = noProxy;
    }

    static EnvProxySelector from(Map<String, String> env, String configured) throws FetchException {
        URI http = uri(configured != null ? configured : first(env, "http_proxy", "HTTP_PROXY"));
        URI https = uri(configured != null ? configured : first(env, "https_proxy", "HTTPS_PROXY"));
        String np = first(env, "no_proxy", "NO_PROXY");
        List<String> list = np == null ? List.of()
                : List.of(np.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).stream().filter(s -> !s.isEmpty()).toList();
        return new EnvProxySelector(http, https, list);
    }

    /** The proxy URI for https URLs (its user info carries proxy credentials), or null. */
    URI httpsProxy() {
        return httpsProxy;
    }

    URI httpProxy() {
        return httpProxy;
    }

    @Override
    public List<Proxy> select(URI uri) {
        URI p = "https".equalsIgnoreCase(uri.getScheme()) ? httpsProxy : httpProxy;
        if (p == null || bypass(uri.getHost())) {
            return List.of(Proxy.NO_PROXY);
        }
        int port = p.getPort() > 0 ? p.getPort() : 80;
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), port)));
    }

    boolean bypass(String host) {
        if (host == null) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String n : noProxy) {
            String s = n.startsWith(".") ? n.substring(1) : n;
            if (n.equals("*") || h.equals(s) || h.endsWith("." + s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to remember: the download's own retry loop decides what happens next
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static URI uri(String s) throws FetchException {
        if (s == null) {
            return null;
        }
        URI u = URI.create(s.contains("://") ? s : "http://" + s);
        if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new FetchException(FetchException.Kind.CONFIG, "proxy '" + s + "': only http://host:port proxies are supported");
        }
        return u;
    }
}
