package io.hostapp.tests.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.install.FilePayloadSource;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.sim.SimPowerCycle;
import io.hostapp.updater.storage.DiskStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outcome reports are spooled while the report server is down and delivered once it is up. */
class OutcomeReportTest {
    @TempDir
    Path tmp;

    @Test
    void spooledWhileDownDeliveredLater() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free now; nothing listens there until the server starts below
        }
        SimFixture.create(tmp, 3, 1);
        Path dev = tmp.resolve("device");
        Files.writeString(dev.resolve("config.json"), "{\"report\": {\"url\": \"http://127.0.0.1:" + port + "/reports\"}}");

        Device d = SimFixture.open(dev);
        Path img = SimFixture.image(tmp, "v2.img", 100_000, true, 2);
        new InstallPipeline(d).run(new InstallRequest(new FilePayloadSource(img), Optional.of("v2"), false, false));
        SimPowerCycle.run(dev, new DiskStorage(), UpdateListener.NONE, s -> { });
        d = SimFixture.open(dev);
        d.flushReports(); // server down: nothing lost, nothing thrown
        try (var s = Files.list(dev.resolve("data/reports"))) {
            assertEquals(1, s.count(), "the report stays spooled");
        }

        WireMockServer server = new WireMockServer(options().port(port));
        server.start();
        try {
            server.stubFor(post(urlEqualTo("/reports")).willReturn(aResponse().withStatus(204)));
            d.flushReports();
            List<LoggedRequest> got = server.findAll(postRequestedFor(urlEqualTo("/reports")));
            assertEquals(1, got.size());
            JsonNode r = new ObjectMapper().readTree(got.get(0).getBody());
            assertEquals("sim-test", r.get("board").asText());
            assertEquals("v1", r.get("fromVersion").asText());
            assertEquals("v2", r.get("toVersion").asText());
            assertEquals("committed", r.get("outcome").asText());
            assertEquals(36, r.get("deviceId").asText().length());
            assertTrue(r.get("durationSeconds").asLong() >= 0);
            try (var s = Files.list(dev.resolve("data/reports"))) {
                assertEquals(0, s.count(), "delivered reports are removed");
            }
        } finally {
            server.stop();
        }
    }
}
