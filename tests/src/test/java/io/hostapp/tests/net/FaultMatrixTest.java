package io.hostapp.tests.net;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.fetch.FetchConfig;
import io.hostapp.updater.fetch.FetchPolicy;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.install.UrlPayloadSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault matrix: every way a server or the network can fail a download, against a real local server
 * (WireMock, and {@link FaultyHttpServer} where a body must be cut mid-way), through the real install
 * pipeline into a simulated device. Each case ends in a correct install or a clean failure with the active
 * slot untouched, and prints {@code fault-matrix: case=NAME outcome=... refetched=BYTES}.
 */
class FaultMatrixTest {
    static final int SIZE = 1_536 * 1024;
    static final byte[] V1 = random(SIZE, 1);
    static final byte[] V2 = random(SIZE, 2);
    static final String PATH = "/images/v2.img";

    enum Outcome { installed, clean_failure }

    static WireMockServer wiremock;
    static int asExpected;
    static int cases;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
        System.out.printf("fault-matrix: total cases=%d as-expected=%d%n", cases, asExpected);
    }

    // --- cases on the raw socket server: bodies cut, stalled, dribbled, lied about -------------------------

    @Test
    void resetMidBody() throws Exception {
        raw("reset-mid-body", Outcome.installed, V2, (n, h) -> n == 1
                ? FaultyHttpServer.Plan.normal(V2, "\"v2\"").cutAfter(SIZE / 2) : FaultyHttpServer.Plan.normal(V2, "\"v2\""), -1);
    }

    @Test
    void twoDrops() throws Exception {
        raw("two-drops", Outcome.installed, V2, (n, h) -> n <= 2
                ? FaultyHttpServer.Plan.normal(V2, "\"v2\"").cutAfter(SIZE / 3) : FaultyHttpServer.Plan.normal(V2, "\"v2\""), -1);
    }

    @Test
    void wrongContentLength() throws Exception {
        raw("wrong-content-length", Outcome.clean_failure, null,
                (n, h) -> FaultyHttpServer.Plan.normal(V2, "\"v2\"").declaring(SIZE + 1000), -1);
    }

    @Test
    void stalledBody() throws Exception {
        raw("stalled-body", Outcome.installed, V2, (n, h) -> n == 1
                ? FaultyHttpServer.Plan.normal(V2, "\"v2\"").stallAfter(SIZE / 4) : FaultyHttpServer.Plan.normal(V2, "\"v2\""), -1);
    }

    @Test
    void slowDribble() throws Exception {
        raw("slow-dribble", Outcome.installed, V2, (n, h) -> n == 1
                ? FaultyHttpServer.Plan.normal(V2, "\"v2\"").dribble(500, SIZE) : FaultyHttpServer.Plan.normal(V2, "\"v2\""), -1);
    }

    @Test
    void etagChangeMidDownloadStartsOver() throws Exception {
        // the payload is replaced on the server while we download it: start over, install what is there now
        raw("etag-change", Outcome.installed, V2, (n, h) -> n == 1
                ? FaultyHttpServer.Plan.normal(V1, "\"v1\"").cutAfter(SIZE / 2) : FaultyHttpServer.Plan.normal(V2, "\"v2\""), -1);
    }

    @Test
    void serverIgnoresRange() throws Exception {
        raw("range-ignored", Outcome.installed, V2, (n, h) -> n == 1
                ? FaultyHttpServer.Plan.normal(V2, "\"v2\"").cutAfter(SIZE / 2)
                : FaultyHttpServer.Plan.normal(V2, "\"v2\"").ignoringRange(), -1);
    }

    @Test
    void endlessData() throws Exception {
        raw("endless-data", Outcome.clean_failure, null,
                (n, h) -> FaultyHttpServer.Plan.normal(V2, "\"v2\"").endless(4 << 20), SIZE);
    }

    @Test
    void endlessHeaders() throws Exception {
        raw("endless-headers", Outcome.clean_failure, null, (n, h) -> FaultyHttpServer.Plan.normal(V2, "\"v2\"").headersForever(), -1);
    }

    // --- cases on WireMock: faults before the body, statuses, TLS, redirects ---------------------------------

    @Test
    void emptyResponse() throws Exception {
        onceThenOk("empty-response", aResponse().withFault(Fault.EMPTY_RESPONSE));
    }

    @Test
    void malformedChunk() throws Exception {
        onceThenOk("malformed-chunk", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    }

    @Test
    void randomDataThenClose() throws Exception {
        onceThenOk("random-data-then-close", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
    }

    @Test
    void connectionResetByPeer() throws Exception {
        onceThenOk("connection-reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    }

    @Test
    void http500() throws Exception {
        onceThenOk("http-500", aResponse().withStatus(500));
    }

    @Test
    void http502() throws Exception {
        onceThenOk("http-502", aResponse().withStatus(502).withHeader("Retry-After", "1"));
    }

    @Test
    void http503WithRetryAfter() throws Exception {
        onceThenOk("http-503-retry-after", aResponse().withStatus(503).withHeader("Retry-After", "1"));
    }

    @Test
    void http404() throws Exception {
        wiremock.resetAll();
        wiremock.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)));
        run("http-404", Outcome.clean_failure, null, "http://localhost:" + wiremock.port() + PATH, -1);
    }

    @Test
    void http416() throws Exception {
        wiremock.resetAll();
        wiremock.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(416)));
        run("http-416", Outcome.clean_failure, null, "http://localhost:" + wiremock.port() + PATH, -1);
    }

    @Test
    void tlsHandshakeFailure() throws Exception {
        wiremock.resetAll();
        wiremock.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withBody(V2)));
        // WireMock's certificate is self-signed: the device's trust store rejects it
        run("tls-handshake-failure", Outcome.clean_failure, null, "https://localhost:" + wiremock.httpsPort() + PATH, -1);
    }

    @Test
    void redirectLoop() throws Exception {
        wiremock.resetAll();
        wiremock.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(302).withHeader("Location", PATH)));
        run("redirect-loop", Outcome.clean_failure, null, "http://localhost:" + wiremock.port() + PATH, -1);
    }

    // --- the harness ---------------------------------------------------------------------------------------

    private void onceThenOk(String name, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fault)
            throws Exception {
        wiremock.resetAll();
        wiremock.stubFor(get(urlEqualTo(PATH)).inScenario(name).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fault).willSetStateTo("healthy"));
        wiremock.stubFor(get(urlEqualTo(PATH)).inScenario(name).whenScenarioStateIs("healthy")
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"v2\"").withBody(V2)));
        run(name, Outcome.installed, V2, "http://localhost:" + wiremock.port() + PATH, -1);
    }

    private void raw(String name, Outcome expected, byte[] want, FaultyHttpServer.Script script, long maxLength)
            throws Exception {
        try (FaultyHttpServer s = new FaultyHttpServer(script)) {
            run(name, expected, want, s.url(PATH), maxLength);
        }
    }

    private void run(String name, Outcome expected, byte[] want, String url, long maxLength) throws Exception {
        cases++;
        Device device = device();
        String activeBefore = sha256(Files.readAllBytes(tmp.resolve("device/slot-a.img")));
        FetchPolicy policy = FetchPolicy.defaults().withReadTimeout(Duration.ofSeconds(1)).withDeadline(Duration.ofSeconds(60))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100)).withMinRate(20_000, Duration.ofSeconds(1))
                .withMaxAttempts(4);
        HttpFetcher fetcher = HttpFetcher.create(FetchConfig.DEFAULT, policy, UpdateListener.NONE, Map.of(),
                HttpFetcher.Clock.SYSTEM);
        UrlPayloadSource src = new UrlPayloadSource(url, fetcher, maxLength);
        Outcome outcome;
        String detail;
        try {
            new InstallPipeline(device).run(new InstallRequest(src, Optional.of("v2"), false, false));
            outcome = Outcome.installed;
            byte[] slot = Files.readAllBytes(tmp.resolve("device/slot-b.img"));
            assertTrue(Arrays.equals(want, Arrays.copyOf(slot, want.length)), name + ": slot b does not hold the payload");
            detail = "";
        } catch (UpdateException e) {
            outcome = Outcome.clean_failure;
            detail = e.exitCode() + ": " + e.getMessage();
            assertFalse(e.getMessage().contains("\n"), "one-line error: " + e.getMessage());
            assertEquals(Slot.A, device.boot().primarySlot(), name + ": flags flipped on failure");
            assertFalse(device.boot().state(Slot.B) == SlotState.TRYING);
        }
        long refetched = src.refetched();
        System.out.printf("fault-matrix: case=%s outcome=%s refetched=%d%s%n", name, outcome.name().replace('_', '-'),
                refetched, detail.isEmpty() ? "" : " (" + detail + ")");
        assertEquals(activeBefore, sha256(Files.readAllBytes(tmp.resolve("device/slot-a.img"))), "active slot changed");
        assertEquals(expected, outcome, name + " " + detail);
        if (outcome == Outcome.installed && !name.equals("etag-change")) {
            assertTrue(refetched <= 1 << 20, name + ": refetched " + refetched + " bytes");
        }
        asExpected++;
    }

    private Device device() throws Exception {
        return NetDevice.create(tmp, V1);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

}
