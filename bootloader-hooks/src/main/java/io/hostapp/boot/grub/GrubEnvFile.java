package io.hostapp.boot.grub;

import io.hostapp.boot.BootException;
import io.hostapp.boot.BootFiles;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code grubenv} file: read, and read-modify-write as one atomic replace (temp file, fsync, rename).
 * GRUB's {@code save_env} rewrites the block in place through the file's current blocks, so a renamed-in
 * file is as good as the old one for it. Errors name the file: {@code grubenv /boot/grub/grubenv: is 512
 * bytes, a GRUB env block is exactly 1024}.
 */
public final class GrubEnvFile {
    private final Path file;
    private final BootFiles files;

    public GrubEnvFile(Path file, BootFiles files) {
        this.file = file;
        this.files = files;
    }

    public GrubEnvFile(Path file) {
        this(file, BootFiles.DISK);
    }

    public Path file() {
        return file;
    }

    /** The variables in stored order. */
    public Map<String, String> read() throws BootException {
        byte[] b;
        try {
            b = files.read(file);
        } catch (NoSuchFileException e) {
            throw new BootException("grubenv " + file + ": missing (create it with grub-editenv " + file + " create)");
        } catch (IOException e) {
            throw new BootException("grubenv " + file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return GrubEnv.decode(b);
        } catch (BootException e) {
            throw e.withPrefix("grubenv " + file);
        }
    }

    /**
     * Applies {@code changes} (null value deletes) in one replace; existing variables keep their place, new
     * ones are appended. Writes nothing when nothing changes. Returns the resulting variables.
     */
    public Map<String, String> update(Map<String, String> changes) throws BootException {
        Map<String, String> before = read();
        Map<String, String> vars = new LinkedHashMap<>(before);
        for (Map.Entry<String, String> e : changes.entrySet()) {
            if (e.getValue() == null) {
                vars.remove(e.getKey());
            } else {
                vars.put(e.getKey(), e.getValue());
            }
        }
        if (!vars.equals(before)) {
            write(vars);
        }
        return vars;
    }

    /** Replaces the whole block with {@code vars}. */
    public void write(Map<String, String> vars) throws BootException {
        byte[] block;
        try {
            block = GrubEnv.encode(vars);
        } catch (BootException e) {
            throw e.withPrefix("grubenv " + file);
        }
        try {
            files.replace(file, block);
        } catch (IOException e) {
            throw new BootException("grubenv " + file + ": write failed: " + e.getMessage(), e);
        }
    }
}
