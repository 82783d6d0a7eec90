package io.hostapp.boot.efi;

import io.hostapp.boot.BootException;
import io.hostapp.boot.BootFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * UEFI variables as files in an efivarfs directory: {@code /sys/firmware/efi/efivars} on a device (a real
 * efivarfs), or a plain directory in the same format for a simulated firmware and for {@code efibootmgr}
 * with {@code EFIVARFS_PATH}.
 *
 * <p>On a real efivarfs a write must carry attributes and data in one {@code write()} to a file opened
 * without truncation (the kernel replaces the whole variable; it cannot truncate), and a variable the kernel
 * does not know (ours, under {@link EfiVariable#HOSTAPP}) is created immutable, so it must be made mutable
 * before it is rewritten or deleted ({@link ImmutableAttribute}). On a plain directory every write is an
 * atomic replace through {@link BootFiles}, because a plain file is not truncated by a shorter write
 * (libefivar leaves a stale tail there).
 */
public final class EfiVarFs {
    /** Where Linux mounts efivarfs. */
    public static final Path SYS_EFIVARS = Path.of("/sys/firmware/efi/efivars");

    private final Path dir;
    private final BootFiles files;
    private final boolean realEfivarfs;
    private final ImmutableAttribute immutable;

    /**
     * @param dir          the efivarfs mount or a plain directory in its format
     * @param files        how a plain directory is written (ignored on a real efivarfs)
     * @param realEfivarfs true for a mounted efivarfs ({@link #isEfivarfs})
     * @param immutable    clears the immutable attribute on a real efivarfs
     */
    public EfiVarFs(Path dir, BootFiles files, boolean realEfivarfs, ImmutableAttribute immutable) {
        this.dir = dir;
        this.files = files;
        this.realEfivarfs = realEfivarfs;
        this.immutable = immutable;
    }

    /** Detects whether {@code dir} is a mounted efivarfs. */
    public static EfiVarFs open(Path dir, BootFiles files) {
        return new EfiVarFs(dir, files, isEfivarfs(dir), ImmutableAttribute.CHATTR);
    }

    /** True when {@code dir} is on an efivarfs mount (not a plain directory). */
    public static boolean isEfivarfs(Path dir) {
        try {
            return "efivarfs".equals(Files.getFileStore(dir).type());
        } catch (IOException e) {
            return false;
        }
    }

    public Path dir() {
        return dir;
    }

    /** The file of a variable. */
    public Path file(String name, UUID vendor) {
        return dir.resolve(EfiVariable.fileName(name, vendor));
    }

    /** The variable, or empty when it does not exist. Errors name the file. */
    public Optional<EfiVariable> read(String name, UUID vendor) throws BootException {
        Path f = file(name, vendor);
        try {
            return Optional.of(EfiVariable.decode(realEfivarfs ? Files.readAllBytes(f) : files.read(f)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BootException("efivar " + f + ": cannot read: " + e.getMessage(), e);
        } catch (BootException e) {
            throw e.withPrefix("efivar " + f);
        }
    }

    /** The variable; a missing one is an error naming its file. */
    public EfiVariable require(String name, UUID vendor, String what) throws BootException {
        return read(name, vendor).orElseThrow(() -> new BootException("efivar " + file(name, vendor) + ": missing ("
                + what + ")"));
    }

    /** Creates or replaces a variable. */
    public void write(String name, UUID vendor, EfiVariable v) throws BootException {
        Path f = file(name, vendor);
        try {
            if (!realEfivarfs) {
                files.replace(f, v.encode());
                return;
            }
            makeMutable(f);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
                int n = ch.write(ByteBuffer.wrap(v.encode()));
                if (n != 4 + v.data().length) {
                    throw new IOException("short write: " + n + " bytes");
                }
            }
        } catch (IOException e) {
            throw new BootException("efivar " + f + ": write failed: " + e.getMessage(), e);
        }
    }

    /** Deletes a variable; no error when it does not exist. */
    public void delete(String name, UUID vendor) throws BootException {
        Path f = file(name, vendor);
        try {
            if (!realEfivarfs) {
                files.delete(f);
                return;
            }
            if (Files.exists(f)) {
                makeMutable(f);
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new BootException("efivar " + f + ": delete failed: " + e.getMessage(), e);
        }
    }

    private void makeMutable(Path f) throws IOException {
        // The kernel refuses writes to an immutable file even for root; access(2) tells without an ioctl.
        if (Files.exists(f) && !Files.isWritable(f)) {
            immutable.clear(f);
        }
    }
}
