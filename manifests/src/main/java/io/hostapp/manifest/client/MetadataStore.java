package io.hostapp.manifest.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The device's trusted metadata directory: one file per role, {@code <quoted role>.json} (never
 * version-prefixed), holding the exact bytes that were downloaded and verified. Written only after a
 * document passed every check, and atomically ({@link AtomicFiles}).
 */
public final class MetadataStore {

    private final Path dir;

    public MetadataStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** The file holding {@code role}'s trusted metadata. */
    public Path fileFor(String role) {
        return dir.resolve(PercentEncoding.quote(role, "") + ".json");
    }

    /** The stored bytes, or empty when there are none. These are only as trusted as re-verification makes them. */
    public Optional<byte[]> load(String role) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(fileFor(role)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Atomically replaces {@code role}'s file with {@code verifiedBytes}. */
    public void persist(String role, byte[] verifiedBytes) throws IOException {
        AtomicFiles.write(fileFor(role), verifiedBytes);
    }
}
