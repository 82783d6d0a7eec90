package io.hostapp.tests.net;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.fetch.DownloadCache;
import io.hostapp.updater.fetch.FetchConfig;
import io.hostapp.updater.fetch.FetchPolicy;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.install.UrlPayloadSource;
import io.hostapp.updater.storage.DiskStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the download cache on, a partial download survives the process: a first run gives up after a drop,
 * a second run (new objects, as after a restart or reboot) resumes from the cached bytes with a range request.
 */
class CachedDownloadRestartTest {
    @TempDir
    Path tmp;

    @Test
    void secondRunResumesFromTheCachedPart() throws Exception {
        byte[] payload = FaultMatrixTest.random(3 << 20, 7);
        List<String> ranges = new CopyOnWriteArrayList<>();
        try (FaultyHttpServer server = new FaultyHttpServer((n, h) -> {
            ranges.add(h.getOrDefault("range", "none"));
            return n == 1 ? FaultyHttpServer.Plan.normal(payload, "\"p\"").closeAfter(2 << 20)
                    : FaultyHttpServer.Plan.normal(payload, "\"p\"");
        })) {
            Device d = device();
            FetchPolicy oneShot = FetchPolicy.defaults().withMaxAttempts(1).withReadTimeout(Duration.ofSeconds(2));
            UpdateException e = assertThrows(UpdateException.class, () -> install(d, server, oneShot));
            assertEquals(ExitCode.NETWORK, e.exitCode(), e.getMessage());
            long cached;
            try (var s = Files.list(tmp.resolve("device/data/cache"))) {
                Path part = s.filter(p -> p.toString().endsWith(".part")).findFirst().orElseThrow();
                cached = Files.size(part);
            }
            assertTrue(cached > 0, "part of the download is kept");

            // "restart": a new fetcher, source and pipeline
            UrlPayloadSource src = install(SimFixtureless.reopen(tmp), server, FetchPolicy.defaults());
            assertEquals("bytes=" + cached + "-", ranges.get(ranges.size() - 1), "resumed where the cache ended");
            assertEquals(payload.length - cached, src.fetched(), "only the missing bytes were fetched again");
            byte[] slot = Files.readAllBytes(tmp.resolve("device/slot-b.img"));
            assertTrue(Arrays.equals(payload, Arrays.copyOf(slot, payload.length)));
            try (var s = Files.list(tmp.resolve("device/data/cache"))) {
                assertEquals(0, s.count(), "cache emptied after the install");
            }
        }
    }

    private UrlPayloadSource install(Device d, FaultyHttpServer server, FetchPolicy policy) throws Exception {
        HttpFetcher f = HttpFetcher.create(FetchConfig.DEFAULT, policy, UpdateListener.NONE, Map.of(),
                HttpFetcher.Clock.SYSTEM);
        UrlPayloadSource src = new UrlPayloadSource(server.url("/v2.img"), f, 3 << 20,
                new DownloadCache(d.dataDir(), d.storage(), UpdateListener.NONE));
        new InstallPipeline(d).run(new InstallRequest(src, Optional.of("v2"), false, false));
        return src;
    }

    private Device device() throws Exception {
        return NetDevice.create(tmp, FaultMatrixTest.random(1000, 1));
    }

    /** Opens the device again as a fresh process would. */
    static final class SimFixtureless {
        static Device reopen(Path tmp) throws Exception {
            return Device.openSimulated(tmp.resolve("device"), new DiskStorage(), UpdateListener.NONE);
        }
    }
}
