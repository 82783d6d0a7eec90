package io.hostapp.tests.fuzz;

import io.hostapp.boot.BootFiles;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@link BootFiles} in memory: the fuzz input is the file content; writes are kept for the next read. */
final class MemoryBootFiles implements BootFiles {
    private final Map<Path, byte[]> files = new HashMap<>();

    MemoryBootFiles put(Path file, byte[] content) {
        files.put(file, content.clone());
        return this;
    }

    byte[] get(Path file) {
        return files.get(file);
    }

    @Override
    public byte[] read(Path file) throws IOException {
        byte[] b = files.get(file);
        if (b == null) {
            throw new NoSuchFileException(file.toString());
        }
        return b.clone();
    }

    @Override
    public void replace(Path file, byte[] content) {
        files.put(file, content.clone());
    }

    @Override
    public void delete(Path file) {
        files.remove(file);
    }
}
