package io.hostapp.tests.net;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.fetch.FetchConfig;
import io.hostapp.updater.fetch.FetchException;
import io.hostapp.updater.fetch.FetchPolicy;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.fetch.ResumableDownload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fetcher's transport settings against a real TLS server (certificates made with openssl): a pinned CA
 * bundle, mutual TLS with a client certificate, and an HTTP proxy taken from the environment variables.
 */
class TlsAndProxyTest {
    static final byte[] BODY = FaultMatrixTest.random(200_000, 3);

    @TempDir
    Path tmp;

    private void openssl(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }

    /** A CA, a server certificate for localhost signed by it (PKCS#12 for WireMock), a client cert + PKCS#8 key. */
    private void makePki() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-days", "2", "-subj", "/CN=test fleet CA");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key",
                "-out", "server.csr", "-subj", "/CN=localhost");
        java.nio.file.Files.writeString(tmp.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        openssl("pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-out", "server.p12",
                "-passout", "pass:secret", "-name", "server");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "client.key",
                "-out", "client.csr", "-subj", "/CN=device-0001");
        openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "client.pem", "-days", "2");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "client.key", "-out", "client.pk8.pem");
        // the server's trust store for client certificates: the CA, imported with the JDK's keytool
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12",
                "-storetype", "PKCS12", "-storepass", "secret").directory(tmp.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "keytool: " + out);
    }

    private static byte[] fetch(FetchConfig cfg, String url, Map<String, String> env) throws Exception {
        FetchPolicy p = FetchPolicy.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(10), Duration.ofMillis(20));
        HttpFetcher f = HttpFetcher.create(cfg, p, UpdateListener.NONE, env, HttpFetcher.Clock.SYSTEM);
        try (ResumableDownload d = f.open(url, -1)) {
            return d.readAllBytes();
        }
    }

    @Test
    void pinnedCaBundleAndMutualTls() throws Exception {
        makePki();
        WireMockServer server = new WireMockServer(options().dynamicPort().dynamicHttpsPort()
                .keystorePath(tmp.resolve("server.p12").toString()).keystoreType("PKCS12").keystorePassword("secret")
                .keyManagerPassword("secret").needClientAuth(true)
                .trustStorePath(tmp.resolve("trust.p12").toString()).trustStoreType("PKCS12").trustStorePassword("secret"));
        server.start();
        try {
            server.stubFor(get(urlEqualTo("/v2.img")).willReturn(aResponse().withBody(BODY)));
            String url = "https://localhost:" + server.httpsPort() + "/v2.img";
            FetchConfig pinned = new FetchConfig(Optional.of(tmp.resolve("ca.pem")), Optional.of(tmp.resolve("client.pem")),
                    Optional.of(tmp.resolve("client.pk8.pem")), Optional.empty());
            assertTrue(Arrays.equals(BODY, fetch(pinned, url, Map.of())), "pinned CA + client certificate");

            FetchException system = assertThrows(FetchException.class, () -> fetch(FetchConfig.DEFAULT, url, Map.of()));
            assertEquals(FetchException.Kind.TLS, system.kind(), "the system CAs do not know the fleet CA");

            FetchConfig noClientCert = new FetchConfig(Optional.of(tmp.resolve("ca.pem")), Optional.empty(),
                    Optional.empty(), Optional.empty());
            FetchException anonymous = assertThrows(FetchException.class, () -> fetch(noClientCert, url, Map.of()));
            assertTrue(anonymous.getMessage().startsWith(url + ": "), anonymous.getMessage());
        } finally {
            server.stop();
        }
    }

    @Test
    void proxyFromTheEnvironmentAndNoProxy() throws Exception {
        WireMockServer origin = new WireMockServer(options().dynamicPort());
        WireMockServer proxy = new WireMockServer(options().dynamicPort().enableBrowserProxying(true));
        origin.start();
        proxy.start();
        try {
            origin.stubFor(get(urlEqualTo("/v2.img")).willReturn(aResponse().withBody(BODY)));
            proxy.stubFor(get(anyUrl()).willReturn(aResponse().proxiedFrom("http://localhost:" + origin.port())));
            String url = "http://localhost:" + origin.port() + "/v2.img";
            Map<String, String> env = Map.of("http_proxy", "http://127.0.0.1:" + proxy.port());
            assertTrue(Arrays.equals(BODY, fetch(FetchConfig.DEFAULT, url, env)));
            assertEquals(1, proxy.findAll(getRequestedFor(anyUrl())).size(), "went through the proxy");

            Map<String, String> bypass = Map.of("http_proxy", "http://127.0.0.1:" + proxy.port(), "no_proxy", "localhost");
            assertTrue(Arrays.equals(BODY, fetch(FetchConfig.DEFAULT, url, bypass)));
            assertEquals(1, proxy.findAll(getRequestedFor(anyUrl())).size(), "no_proxy bypassed it");
        } finally {
            proxy.stop();
            origin.stop();
        }
    }

    @Test
    void proxyThatRefusesIsACleanFailure() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        FetchException e = assertThrows(FetchException.class, () -> fetch(FetchConfig.DEFAULT,
                "http://example.invalid/v2.img", Map.of("http_proxy", "http://127.0.0.1:" + dead)));
        assertEquals(FetchException.Kind.GAVE_UP, e.kind());
        assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    }

    @Test
    void unsupportedSchemeIsRefusedBeforeAnyRequest() {
        FetchException e = assertThrows(FetchException.class, () -> fetch(FetchConfig.DEFAULT, "ftp://host/v2.img", Map.of()));
        assertEquals(FetchException.Kind.CONFIG, e.kind());
        assertEquals("ftp://host/v2.img: not an http or https URL", e.getMessage());
    }
}
