package io.hostapp.updater.install;

import io.hostapp.manifest.ImageManifest;
import io.hostapp.manifest.ManifestException;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** A payload in a local file, with an optional sidecar ({@code FILE.manifest.json} or {@code FILE.sha256}). */
public final class FilePayloadSource implements PayloadSource {
    private final Path file;

    public FilePayloadSource(Path file) {
        this.file = file;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public Optional<ImageManifest> manifest() throws UpdateException {
        try {
            return ImageManifest.findSidecar(file);
        } catch (ManifestException e) {
            throw new UpdateException(ExitCode.INPUT, e.getMessage(), e);
        }
    }

    @Override
    public long storedSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void check() throws UpdateException {
        try (InputStream in = open()) {
            in.read();
        } catch (IOException e) {
            throw new UpdateException(ExitCode.INPUT, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open() throws UpdateException {
        if (Files.isDirectory(file)) {
            throw new UpdateException(ExitCode.INPUT, file + ": is a directory, not an image");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new UpdateException(ExitCode.INPUT, file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UpdateException(ExitCode.INPUT, file + ": permission denied");
        } catch (IOException e) {
            throw new UpdateException(ExitCode.INPUT, file + ": cannot open: " + e.getMessage(), e);
        }
    }

    @Override
    public String defaultVersion() {
        return stripSuffixes(file.getFileName().toString());
    }

    static String stripSuffixes(String name) {
        String n = name;
        for (String suffix : new String[] {".zst", ".img", ".ext4", ".raw", ".bin"}) {
            if (n.endsWith(suffix) && n.length() > suffix.length()) {
                n = n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }
}
