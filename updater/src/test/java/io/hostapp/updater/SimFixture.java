package io.hostapp.updater;

import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.sim.SimulatedDevice;
import io.hostapp.updater.storage.DiskStorage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

/**
 * Small simulated devices for tests: 1 MiB slots, and a health check that passes when the booted slot's
 * content contains the word {@code HEALTHY} (so the verdict comes from the booted image, as in the demo).
 */
public final class SimFixture {
    public static final int SLOT_SIZE = 1 << 20;

    private SimFixture() {
    }

    /** A board file like sim-uboot with small slots; {@code bootLimit} and health attempts configurable. */
    public static Path boardFile(Path dir, int bootLimit, int attempts) throws IOException {
        String json = """
                {
                  "schema": 1,
                  "name": "sim-test",
                  "simulated": true,
                  "slots": {
                    "a": { "device": "slot-a.img", "size": %d, "root": "PARTLABEL=root-a" },
                    "b": { "device": "slot-b.img", "size": %d, "root": "PARTLABEL=root-b" }
                  },
                  "bootloader": {
                    "type": "uboot",
                    "env": [ { "device": "uboot.env", "offset": 0, "size": 8192 },
                             { "device": "uboot.env", "offset": 8192, "size": 8192 } ],
                    "bootLimit": %d
                  },
                  "cmdline": "proc-cmdline",
                  "dataDir": "data",
                  "hooksDir": "hooks",
                  "health": {
                    "attempts": %d,
                    "intervalSeconds": 0,
                    "checks": [ { "type": "command", "name": "content-check",
                                  "command": ["sh", "-c", "grep -q HEALTHY \\"$HOSTAPP_BOOTED_DEVICE\\""] } ]
                  }
                }
                """.formatted(SLOT_SIZE, SLOT_SIZE, bootLimit, attempts);
        Path f = dir.resolve("sim-test.json");
        Files.writeString(f, json);
        return f;
    }

    /**
     * A shipped simulated board ({@code sim-grub}, {@code sim-efi}, ...) with this fixture's small slots and its
     * content health check ({@code attempts} attempts, no pause), written as {@code dir/NAME.json}.
     */
    public static Path shippedBoardFile(Path dir, String board, int attempts) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode n;
        try (var in = SimFixture.class.getResourceAsStream("/boards/" + board + ".json")) {
            n = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(in);
        }
        for (String s : new String[] {"a", "b"}) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("slots").get(s)).put("size", SLOT_SIZE);
        }
        n.set("health", json.readTree("""
                {"attempts": %d, "intervalSeconds": 0,
                 "checks": [{"type": "command", "name": "content-check",
                             "command": ["sh", "-c", "grep -q HEALTHY \\"$HOSTAPP_BOOTED_DEVICE\\""]}]}
                """.formatted(attempts)));
        Path f = dir.resolve(board + ".json");
        Files.write(f, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
        return f;
    }

    /** A pseudo-random image of {@code size} bytes that contains HEALTHY (or BROKEN) near its start. */
    public static Path image(Path dir, String name, int size, boolean healthy, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + (b[i] & 15)); // letters only, so HEALTHY cannot appear by chance
        }
        byte[] word = (healthy ? "HEALTHY" : "BROKEN!").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(word, 0, b, 100, word.length);
        Path f = dir.resolve(name);
        Files.write(f, b);
        return f;
    }

    /** Creates a device in {@code dir/device} with a healthy v1 image in slot a. */
    public static Device create(Path dir, int bootLimit, int attempts) throws Exception {
        Path board = boardFile(dir, bootLimit, attempts);
        Path v1 = image(dir, "v1.img", 300_000, true, 1);
        return SimulatedDevice.create(board.toString(), dir.resolve("device"), v1, Optional.of("v1"),
                new DiskStorage(), UpdateListener.NONE);
    }

    public static Device open(Path deviceDir) throws UpdateException {
        return Device.openSimulated(deviceDir, new DiskStorage(), UpdateListener.NONE);
    }

    /** Writes {@code FILE.manifest.json} for {@code image}. */
    public static void sidecar(Path image, long length, String sha256, String release, String board) throws IOException {
        Files.writeString(image.resolveSibling(image.getFileName() + ".manifest.json"), """
                {"format": "hostapp-image-manifest", "length": %d, "sha256": "%s", "release": "%s", "board": "%s"}
                """.formatted(length, sha256, release, board));
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path f) throws IOException {
        return sha256(Files.readAllBytes(f));
    }
}
