package io.hostapp.tests.repo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.cli.HostappRepo;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.sim.SimulatedDevice;
import io.hostapp.updater.storage.DiskStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One test's fleet: a repository (keys in {@code tmp/keys}, outside it) served by a real {@link Nginx}, small
 * release images, and simulated devices (SimFixture's board {@code sim-test}: 1 MiB slots, healthy when the
 * booted image contains HEALTHY) configured for the repository, each with a device id written beforehand so its
 * rollout cohort is known.
 */
final class Fleet implements AutoCloseable {
    static final String BOARD = "sim-test";
    /** {@code bucket("device-0001", "v2") = 39} (pinned in RolloutCohortTest): out at 10 %, in at 100 %. */
    static final String DEVICE_ID = "device-0001";

    final Path tmp;
    final Path repo;
    final Path keys;
    final Nginx nginx;

    private Fleet(Path tmp, Nginx nginx) {
        this.tmp = tmp;
        this.repo = tmp.resolve("repo");
        this.keys = tmp.resolve("keys");
        this.nginx = nginx;
    }

    /** An empty directory for the repository, served by nginx (the repository is created by the test). */
    static Fleet start(Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("repo"));
        return new Fleet(tmp, Nginx.serve(tmp.resolve("repo"), tmp.resolve("nginx")));
    }

    /** Runs hostapp-repo in this JVM (its classes, as the launcher would) with REPO as the verb's first operand. */
    void repo(String verb, String... args) {
        List<String> a = new ArrayList<>(List.of(verb, repo.toString()));
        a.addAll(List.of(args));
        int rc = HostappRepo.run(a.toArray(String[]::new));
        assertEquals(0, rc, "hostapp-repo " + String.join(" ", a));
    }

    /** Runs hostapp-repo in this JVM and returns its exit code. */
    int repoRc(String verb, String... args) {
        List<String> a = new ArrayList<>(List.of(verb, repo.toString()));
        a.addAll(List.of(args));
        return HostappRepo.run(a.toArray(String[]::new));
    }

    /** A healthy image of release {@code version} (distinct content per version). */
    Path image(String version) throws IOException {
        Path f = tmp.resolve(version + ".img");
        if (!Files.exists(f)) {
            SimFixture.image(tmp, version + ".img", 300_000, true, version.hashCode());
        }
        return f;
    }

    /** init, then v1 for every device in channel stable, published. */
    void initWithV1() throws IOException {
        repo("init");
        repo("add", "--board", BOARD, "--release", "v1", "--image", image("v1").toString(), "--rollout", "stable=100");
        repo("publish");
    }

    /**
     * A simulated device running {@code release} in slot a, configured for this repository (trusting
     * {@code metadata/1.root.json}), with device id {@code deviceId}; {@code daemon} is the JSON of a
     * {@code daemon} section, or null.
     */
    Path device(String name, String release, String deviceId, String daemon) throws Exception {
        Path dev = tmp.resolve(name);
        SimulatedDevice.create(SimFixture.boardFile(tmp, 3, 1).toString(), dev, image(release), Optional.of(release),
                new DiskStorage(), UpdateListener.NONE);
        Files.copy(repo.resolve("metadata/1.root.json"), dev.resolve("root.json"));
        Files.writeString(dev.resolve("config.json"), """
                {"repository": {"url": "%s", "channel": "stable", "trustedRoot": "root.json"}%s}
                """.formatted(nginx.url(), daemon == null ? "" : ", \"daemon\": " + daemon));
        Files.createDirectories(dev.resolve("data"));
        Files.writeString(dev.resolve("data/device-id"), deviceId + "\n");
        return dev;
    }

    /** {@code hostapp-update status --json} of a device, through the launcher. */
    static JsonNode status(Path dev) throws Exception {
        Launchers.Result r = Launchers.device("status", "--device", dev.toString(), "--json");
        assertEquals(0, r.rc(), r.all());
        return new ObjectMapper().readTree(r.out());
    }

    /** The device's journal, decoded. */
    static io.hostapp.updater.journal.Journal statusJournal(Path dev) throws IOException {
        return io.hostapp.updater.journal.JournalCodec.decode(Files.readAllBytes(dev.resolve("data/journal.json")));
    }

    /** The one published target file of {@code version} (hash-prefixed name under targets/BOARD/VERSION/). */
    Path targetFile(String version) throws IOException {
        try (var s = Files.list(repo.resolve("targets").resolve(BOARD).resolve(version))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".full.img.zst")).findFirst().orElseThrow();
        }
    }

    @Override
    public void close() throws Exception {
        nginx.close();
    }
}
