package io.hostapp.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Keeps the checkpoint in one small file, replaced the power-safe way: write a temp file beside it, fsync
 * it, rename it over the old one, fsync the directory. A crash at any point leaves the old or the new
 * checkpoint; a checkpoint that fails its CRC anyway is treated as absent (the apply starts over).
 */
public final class FileCheckpointStore implements CheckpointStore {
    private final Path file;

    public FileCheckpointStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The checkpoint file. */
    public Path file() {
        return file;
    }

    @Override
    public Optional<Checkpoint> load() throws IOException {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(Checkpoint.decode(b));
        } catch (DeltaException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(Checkpoint checkpoint) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(checkpoint.encode());
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("checkpoint " + file + ": file system cannot rename atomically", e);
        }
        syncDirectory();
    }

    @Override
    public void clear() throws IOException {
        if (Files.deleteIfExists(file)) {
            syncDirectory();
        }
    }

    // A rename is durable only once the directory entry is: fsync the directory (Linux allows opening
    // a directory read-only and forcing it).
    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
