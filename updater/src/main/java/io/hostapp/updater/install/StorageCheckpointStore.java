package io.hostapp.updater.install;

import io.hostapp.delta.Checkpoint;
import io.hostapp.delta.CheckpointStore;
import io.hostapp.delta.DeltaException;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The payload decoder's checkpoint ({@code DATA_DIR/apply.checkpoint}), written through the storage facade
 * (temp file, fsync, rename, fsync directory) so the power-cut simulator sees it. A checkpoint that does not
 * decode is treated as absent: starting the payload over is always safe.
 */
final class StorageCheckpointStore implements CheckpointStore {
    static final String FILE = "apply.checkpoint";

    private final Storage storage;
    private final Path file;

    StorageCheckpointStore(Storage storage, Path dataDir) {
        this.storage = storage;
        this.file = dataDir.resolve(FILE);
    }

    @Override
    public Optional<Checkpoint> load() throws IOException {
        try {
            return Optional.of(Checkpoint.decode(storage.readFile(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (DeltaException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(Checkpoint checkpoint) throws IOException {
        storage.writeFileAtomically(file, checkpoint.encode());
    }

    @Override
    public void clear() throws IOException {
        storage.delete(file);
    }
}
