package io.hostapp.tests.net;

import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.updater.daemon.DaemonSettings;
import io.hostapp.updater.daemon.RebootPolicy;
import io.hostapp.updater.daemon.UpdateDaemon;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.fetch.DownloadCache;
import io.hostapp.updater.fetch.FetchConfig;
import io.hostapp.updater.fetch.FetchPolicy;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.install.UrlPayloadSource;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM while the daemon downloads: {@link UpdateDaemon#stop()} cancels the transfer at once, the install
 * fails cleanly (journal Idle, flags untouched, target slot bad), and the cached part stays for the next run.
 */
class DaemonStopMidDownloadTest {
    @TempDir
    Path tmp;

    @Test
    void stopCancelsTheDownloadAndKeepsTheCachedPart() throws Exception {
        byte[] payload = FaultMatrixTest.random(3 << 20, 9);
        // the server sends 1 MiB quickly, then dribbles: the daemon is stopped while it downloads
        try (FaultyHttpServer server = new FaultyHttpServer((n, h) -> FaultyHttpServer.Plan.normal(payload, "\"p\"")
                .dribble(2000, payload.length))) {
            Device d = device();
            HttpFetcher f = HttpFetcher.create(FetchConfig.DEFAULT, FetchPolicy.defaults(), UpdateListener.NONE, Map.of(),
                    HttpFetcher.Clock.SYSTEM);
            AtomicReference<UrlPayloadSource> src = new AtomicReference<>();
            UpdateDaemon daemon = new UpdateDaemon(d, dev -> {
                src.set(new UrlPayloadSource(server.url("/v2.img"), f, payload.length,
                        new DownloadCache(dev.dataDir(), dev.storage(), UpdateListener.NONE)));
                return Optional.of(new InstallRequest(src.get(), Optional.of("v2"), false, false));
            }, new DaemonSettings(Duration.ofSeconds(1), Duration.ZERO, List.of(), null, Duration.ZERO,
                    RebootPolicy.IMMEDIATELY, Duration.ofSeconds(5)), new UpdateDaemon.Environment() {
                        @Override
                        public ZonedDateTime now() {
                            return ZonedDateTime.now();
                        }

                        @Override
                        public void sleep(Duration t) throws InterruptedException {
                            Thread.sleep(Math.min(t.toMillis(), 50));
                        }

                        @Override
                        public RandomGenerator random() {
                            return RandomGenerator.getDefault();
                        }
                    }, (dev, why) -> { });
            Thread worker = new Thread(() -> daemon.run(() -> { }));
            worker.start();
            long deadline = System.currentTimeMillis() + 20_000;
            while ((src.get() == null || src.get().fetched() < 2000) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            long stoppedAt = System.currentTimeMillis();
            daemon.stop();
            worker.join(10_000);
            assertTrue(!worker.isAlive(), "daemon loop ended");
            assertTrue(System.currentTimeMillis() - stoppedAt < 5000, "stopped promptly");

            Journal j = d.journal().load();
            assertEquals(JournalState.Idle, j.state());
            assertEquals("failed", j.lastOutcome().orElseThrow().result());
            assertTrue(j.lastOutcome().get().reason().contains("cancelled"), j.lastOutcome().get().reason());
            assertEquals(Slot.A, d.boot().primarySlot());
            assertEquals(SlotState.BAD, d.boot().state(Slot.B));
            try (var s = Files.list(d.dataDir().resolve("cache"))) {
                assertTrue(s.anyMatch(p -> p.toString().endsWith(".part")), "the partial download is kept to resume");
            }
        }
    }

    private Device device() throws Exception {
        return NetDevice.create(tmp, FaultMatrixTest.random(1000, 1));
    }
}
