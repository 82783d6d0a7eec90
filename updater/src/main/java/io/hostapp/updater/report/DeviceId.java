package io.hostapp.updater.report;

import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The device's identity for rollouts and reports: a random UUID created once in {@code DATA_DIR/device-id}
 * and kept across updates (the data directory is not part of any slot).
 */
public final class DeviceId {
    public static final String FILE = "device-id";

    private DeviceId() {
    }

    public static String of(Storage storage, Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE);
        try {
            String id = new String(storage.readFile(f), StandardCharsets.US_ASCII).strip();
            if (!id.isEmpty()) {
                return id;
            }
        } catch (NoSuchFileException e) {
            // first use: create it below
        }
        String id = UUID.randomUUID().toString();
        java.nio.file.Files.createDirectories(dataDir);
        storage.writeFileAtomically(f, (id + "\n").getBytes(StandardCharsets.US_ASCII));
        return id;
    }
}
