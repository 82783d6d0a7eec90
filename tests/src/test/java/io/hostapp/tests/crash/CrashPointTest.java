package io.hostapp.tests.crash;

import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.device.SimulatedReboot;
import io.hostapp.delta.encoder.DeltaEncoder;
import io.hostapp.delta.encoder.EncoderOptions;
import io.hostapp.tests.net.FaultyHttpServer;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.fetch.DownloadCache;
import io.hostapp.updater.fetch.FetchConfig;
import io.hostapp.updater.fetch.FetchPolicy;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.install.UrlPayloadSource;
import io.hostapp.updater.install.FilePayloadSource;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import io.hostapp.updater.lifecycle.BootCheck;
import io.hostapp.updater.sim.SimBootloader;
import io.hostapp.updater.sim.SimulatedDevice;
import io.hostapp.updater.storage.DiskStorage;
import io.hostapp.updater.storage.PowerCutStorage;
import io.hostapp.updater.storage.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Cuts the power at every durable write, fsync and rename of every update scenario, in turn, and checks the
 * device always boots a verified release. After each cut the device boots as often as it takes (simulated
 * bootloader, then the agent's boot-check, as its systemd unit runs it), and:
 * <ul>
 *   <li>the booted slot's content is a release (v1 or v2, byte for byte);</li>
 *   <li>the two slots are never both BAD;</li>
 *   <li>the update completed (v2 committed) or the device runs v1 with an honest outcome
 *       (failed / rolled back, or none if the update never reached the journal);</li>
 *   <li>at most one reboot more than the uninterrupted scenario needs, and the journal's save counter stays
 *       bounded.</li>
 * </ul>
 * Prints {@code crash-points: scenario=NAME explored=N failed=F} per scenario and a total.
 */
class CrashPointTest {
    static final int SLOT = 3 << 20;
    static final int IMAGE = (5 << 20) / 2; // 2.5 MiB: three 1 MiB writes
    static final byte[] V1 = image(1, true);
    static final byte[] V2 = image(2, true);
    static final byte[] V2_BROKEN = image(3, false);
    /** v2 as v1 with two regions changed: what a delta is made for. */
    static final byte[] V2_NEAR = near(V1);
    static long totalExplored;
    static long totalFailed;

    @TempDir
    Path tmp;

    /** What a scenario does; it runs against the storage it is given, which may lose power at any point. */
    interface Steps {
        void run(Path dev, Storage storage) throws Exception;
    }

    @AfterAll
    static void total() {
        System.out.printf("crash-points: total explored=%d failed=%d%n", totalExplored, totalFailed);
    }

    @Test
    void fullInstall() throws Exception {
        explore("full-install", V2, (dev, s) -> { }, (dev, s) -> install(dev, s, "v2.img"), true, true);
    }

    @Test
    void deltaInstall() throws Exception {
        // v2 as a delta from v1, in small operations: every operation's write, fsync and checkpoint is a point
        explore("delta-install", V2_NEAR, (dev, s) -> {
            Path delta = dev.getParent().resolve(dev.getFileName() + "-v2.delta");
            new DeltaEncoder(EncoderOptions.DEFAULT.withThreads(1).withMaxPatch(256 << 10), line -> { })
                    .diff(dev.getParent().resolve(dev.getFileName() + "-v1.img"),
                            dev.getParent().resolve(dev.getFileName() + "-v2.img"), delta);
        }, (dev, s) -> {
            install(dev, s, "v2.delta");
            powerCycle(dev, s);
        }, true, true);
    }

    @Test
    void trialBootHealthPassCommit() throws Exception {
        explore("trial-commit", V2, (dev, s) -> install(dev, s, "v2.img"), CrashPointTest::powerCycle, true, true);
    }

    @Test
    void healthFailRollback() throws Exception {
        explore("health-rollback", V2_BROKEN, (dev, s) -> install(dev, s, "v2.img"), CrashPointTest::powerCycle, false,
                true);
    }

    @Test
    void bootloaderFallback() throws Exception {
        // the new slot's kernel never comes up: the bootloader counts three boots, falls back, the agent records it
        explore("bootloader-fallback", V2, (dev, s) -> install(dev, s, "v2.img"), (dev, s) -> {
            for (int i = 0; i < 3; i++) {
                SimBootloader.boot(Device.openSimulated(dev, s, UpdateListener.NONE));
            }
            powerCycle(dev, s);
        }, false, false);
    }

    @Test
    void manualRollbackToThePreviousRelease() throws Exception {
        explore("manual-rollback", V2, (dev, s) -> {
            install(dev, s, "v2.img");
            powerCycle(dev, s);
        }, (dev, s) -> {
            new io.hostapp.updater.lifecycle.ManualActions(Device.openSimulated(dev, s, UpdateListener.NONE)).rollback();
            powerCycle(dev, s);
        }, true, true);
    }

    @Test
    void interruptedDownloadResumed() throws Exception {
        // a first attempt lost its connection after 1 MiB and gave up, leaving the part in the download cache;
        // this attempt resumes it over HTTP, installs, and the device boots and commits
        try (FaultyHttpServer server = new FaultyHttpServer((n, h) -> n == 1
                ? FaultyHttpServer.Plan.normal(V2, "\"v2\"").closeAfter(1 << 20)
                : FaultyHttpServer.Plan.normal(V2, "\"v2\""))) {
            String url = server.url("/v2.img");
            explore("resumed-download", V2, (dev, s) -> {
                try {
                    installFromUrl(dev, s, url, FetchPolicy.defaults().withMaxAttempts(1));
                } catch (io.hostapp.updater.UpdateException expected) {
                    // the first attempt fails: its part stays in the cache
                }
            }, (dev, s) -> {
                installFromUrl(dev, s, url, FetchPolicy.defaults());
                powerCycle(dev, s);
            }, true, true);
        }
    }

    private static void installFromUrl(Path dev, Storage s, String url, FetchPolicy policy) throws Exception {
        Device d = Device.openSimulated(dev, s, UpdateListener.NONE);
        HttpFetcher f = HttpFetcher.create(FetchConfig.DEFAULT, policy, UpdateListener.NONE, Map.of(),
                HttpFetcher.Clock.SYSTEM);
        UrlPayloadSource src = new UrlPayloadSource(url, f, IMAGE, new DownloadCache(d.dataDir(), s, UpdateListener.NONE));
        new InstallPipeline(d).run(new InstallRequest(src, Optional.of("v2"), false, false));
    }

    // --- the explorer ----------------------------------------------------------------------------------------

    /**
     * @param v2Healthy v2's health check passes
     * @param v2Boots   v2's kernel comes up (else every boot of it dies before boot-check, and only the
     *                  bootloader's fallback gets the device back)
     */
    private void explore(String name, byte[] v2, Steps setup, Steps steps, boolean v2Healthy, boolean v2Boots)
            throws Exception {
        Path template = tmp.resolve("template-" + name);
        createDevice(template, v2);
        setup.run(template, new DiskStorage());
        long before = journal(template).saveCounter();

        Path probe = copy(template, tmp.resolve("probe-" + name));
        PowerCutStorage counting = new PowerCutStorage(0, 0);
        steps.run(probe, counting);
        long points = counting.events();
        // the bootloader may need up to bootlimit + 1 boots of its own to fall back from a kernel that never comes up
        int normalBoots = recover(probe, v2, v2Boots).boots + (v2Boots ? 0 : 3);

        int failed = 0;
        List<String> failures = new ArrayList<>();
        for (long k = 1; k <= points; k++) {
            Path dev = copy(template, tmp.resolve(name + "-" + k));
            PowerCutStorage cut = new PowerCutStorage(k, k * 7919 + name.hashCode());
            try {
                steps.run(dev, cut);
            } catch (PowerCutStorage.PowerCut expected) {
                // the power went: what matters is how the device comes back
            }
            String problem = check(dev, recover(dev, v2, v2Boots), normalBoots, before, v2, v2Healthy);
            if (problem != null) {
                failed++;
                failures.add("point " + k + " (before " + cut.cutBefore() + "): " + problem);
            }
            deleteTree(dev);
        }
        totalExplored += points;
        totalFailed += failed;
        System.out.printf("crash-points: scenario=%s explored=%d failed=%d%n", name, points, failed);
        failures.forEach(f -> System.out.println("crash-points:   " + name + " " + f));
        assertEquals(0, failed, name + ": " + failures);
    }

    private record Recovery(int boots, Slot booted) {
    }

    /**
     * Boots as often as it takes: simulated bootloader, then boot-check; again while a reboot is asked for, or
     * while the booted slot holds a v2 whose kernel never comes up (it dies before boot-check).
     */
    private static Recovery recover(Path dev, byte[] v2, boolean v2Boots) throws Exception {
        Files.deleteIfExists(dev.resolve(SimulatedReboot.MARKER)); // a power cut is a reboot anyway
        int boots = 0;
        Slot booted;
        while (true) {
            boots++;
            Device d = Device.openSimulated(dev, new DiskStorage(), UpdateListener.NONE);
            booted = SimBootloader.boot(d).slot();
            boolean dies = !v2Boots && Arrays.equals(Arrays.copyOf(Files.readAllBytes(d.slotDevice(booted)), IMAGE), v2);
            if (!dies) {
                new BootCheck(d, s -> { }).run();
                if (SimulatedReboot.take(dev) == null) {
                    break;
                }
            }
            if (boots >= 12) {
                break;
            }
        }
        return new Recovery(boots, booted);
    }

    private static String check(Path dev, Recovery r, int normalBoots, long savesBefore, byte[] v2, boolean v2Healthy)
            throws Exception {
        Device d = Device.openSimulated(dev, new DiskStorage(), UpdateListener.NONE);
        Journal j = d.journal().load();
        Slot booted = d.boot().bootedSlot();
        byte[] content = Arrays.copyOf(Files.readAllBytes(d.slotDevice(booted)), IMAGE);
        boolean onV1 = Arrays.equals(content, V1);
        boolean onV2 = Arrays.equals(content, v2);
        if (!onV1 && !onV2) {
            return "booted slot " + booted + " holds neither release";
        }
        if (d.boot().state(Slot.A) == SlotState.BAD && d.boot().state(Slot.B) == SlotState.BAD) {
            return "both slots BAD";
        }
        if (j.state() != JournalState.Idle) {
            return "journal left in " + j.state();
        }
        if (r.boots() > normalBoots + 1) {
            return r.boots() + " boots to settle, the uninterrupted scenario needs " + normalBoots;
        }
        if (j.saveCounter() - savesBefore > 40) {
            return "journal saved " + (j.saveCounter() - savesBefore) + " times";
        }
        String outcome = j.lastOutcome().map(Journal.Outcome::result).orElse("none");
        if (onV2 && !onV1) {
            if (!v2Healthy) {
                return "running the release whose health check fails";
            }
            if (!j.slot(booted).map(Journal.Release::sha256).orElse("").equals(sha256(v2))) {
                return "running v2 but the journal does not record it in slot " + booted;
            }
        } else if (outcome.equals("committed") && j.lastOutcome().get().version().equals("v2")) {
            return "running v1 but the journal says v2 was committed";
        }
        return null;
    }

    // --- fixtures --------------------------------------------------------------------------------------------

    private static void install(Path dev, Storage s, String image) throws Exception {
        Device d = Device.openSimulated(dev, s, UpdateListener.NONE);
        new InstallPipeline(d).run(new InstallRequest(new FilePayloadSource(dev.getParent().resolve(
                dev.getFileName() + "-" + image)), Optional.of("v2"), false, false));
    }

    private static void powerCycle(Path dev, Storage s) throws Exception {
        for (int boot = 0; boot < 10; boot++) {
            Device d = Device.openSimulated(dev, s, UpdateListener.NONE);
            SimBootloader.boot(d);
            new BootCheck(d, x -> { }).run();
            if (SimulatedReboot.take(dev) == null) {
                return;
            }
        }
    }

    private void createDevice(Path dev, byte[] v2) throws Exception {
        Path board = tmp.resolve("board.json");
        Files.writeString(board, """
                {"schema": 1, "name": "sim-crash", "simulated": true,
                 "slots": {"a": {"device": "slot-a.img", "size": %d, "root": "PARTLABEL=root-a"},
                           "b": {"device": "slot-b.img", "size": %d, "root": "PARTLABEL=root-b"}},
                 "bootloader": {"type": "uboot", "bootLimit": 3,
                                "env": [{"device": "uboot.env", "size": 8192}, {"device": "uboot.env", "offset": 8192, "size": 8192}]},
                 "cmdline": "proc-cmdline", "dataDir": "data",
                 "health": {"attempts": 2, "intervalSeconds": 0,
                            "checks": [{"type": "command", "name": "content-check",
                                        "command": ["sh", "-c", "head -c 200 \\"$HOSTAPP_BOOTED_DEVICE\\" | grep -q HEALTHY"]}]}}
                """.formatted(SLOT, SLOT));
        Path v1 = Files.write(tmp.resolve(dev.getFileName() + "-v1.img"), V1);
        SimulatedDevice.create(board.toString(), dev, v1, Optional.of("v1"), new DiskStorage(), UpdateListener.NONE);
        // the payload lives beside the device directory, under a name every copy can find
        Files.write(dev.getParent().resolve(dev.getFileName() + "-v2.img"), v2);
    }

    /** Copies the device directory (and its payload beside it) for one crash point. */
    private static Path copy(Path template, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(template)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.copy(template.getParent().resolve(template.getFileName() + "-v2.img"),
                to.getParent().resolve(to.getFileName() + "-v2.img"));
        Path delta = template.getParent().resolve(template.getFileName() + "-v2.delta");
        if (Files.exists(delta)) {
            Files.copy(delta, to.getParent().resolve(to.getFileName() + "-v2.delta"));
        }
        return to;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
        Files.deleteIfExists(dir.getParent().resolve(dir.getFileName() + "-v2.img"));
        Files.deleteIfExists(dir.getParent().resolve(dir.getFileName() + "-v2.delta"));
    }

    private static Journal journal(Path dev) throws Exception {
        return Device.openSimulated(dev, new DiskStorage(), UpdateListener.NONE).journal().load();
    }

    static byte[] near(byte[] base) {
        byte[] b = base.clone();
        for (int i = 700_000; i < 760_000; i++) {
            b[i] = (byte) (i * 31);
        }
        for (int i = 2_000_000; i < 2_010_000; i++) {
            b[i] = 0;
        }
        return b;
    }

    static byte[] image(long seed, boolean healthy) {
        byte[] b = new byte[IMAGE];
        new Random(seed).nextBytes(b);
        byte[] word = (healthy ? "HEALTHY" : "BROKEN!").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200; i++) {
            b[i] = (byte) 'x';
        }
        System.arraycopy(word, 0, b, 100, word.length);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
