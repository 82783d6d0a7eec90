package io.hostapp.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole small files a backend reads and replaces: a GRUB env block, {@code autoboot.txt}, efivarfs
 * variables of a simulated firmware. Pluggable like {@link EnvDevice}, so that the updater routes every
 * write through its storage facade (and a power-cut simulator can sit behind it).
 */
public interface BootFiles {

    /**
     * Reads the whole file.
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist
     */
    byte[] read(Path file) throws IOException;

    /** Replaces {@code file} atomically and durably: temp file, fsync, rename, fsync the directory. */
    void replace(Path file, byte[] content) throws IOException;

    /** Removes {@code file} durably; no error when it does not exist. */
    void delete(Path file) throws IOException;

    /** Straight to the local file system ({@link DurableFiles}). */
    BootFiles DISK = new BootFiles() {
        @Override
        public byte[] read(Path file) throws IOException {
            return Files.readAllBytes(file);
        }

        @Override
        public void replace(Path file, byte[] content) throws IOException {
            DurableFiles.write(file, content);
        }

        @Override
        public void delete(Path file) throws IOException {
            if (Files.deleteIfExists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                DurableFiles.fsyncDirectory(parent);
            }
        }
    };
}
