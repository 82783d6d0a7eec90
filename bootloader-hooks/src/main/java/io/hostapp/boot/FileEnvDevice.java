package io.hostapp.boot;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * {@link EnvDevice} over a regular file or a block device (e.g. {@code /dev/mmcblk0boot1}).
 *
 * <p>Every call opens and closes the file: env operations are rare, and it keeps the class free of
 * life-cycle state. Writes never create the file, so a mistyped device path fails instead of leaving a
 * stray regular file in {@code /dev}; use {@link #createFile} to make a simulated device.
 *
 * <p>Raw block devices work at any offset (e.g. the BeagleBone Black's env at 0x260000 on the eMMC user
 * area). An eMMC hardware boot partition ({@code /dev/mmcblkNbootM}) is read-only to Linux until its
 * {@code /sys/class/block/mmcblkNbootM/force_ro} says 0; a write flips it to 0 and back to 1 afterwards,
 * as libubootenv does.
 *
 * <p>Raw MTD character devices ({@code /dev/mtdN}) are refused: they need erase-before-write and the
 * boolean "obsolete" flag scheme, which this class does not implement.
 */
public final class FileEnvDevice implements EnvDevice {
    /** Where the kernel shows block devices' attributes. */
    public static final Path SYS_CLASS_BLOCK = Path.of("/sys/class/block");
    private static final Pattern EMMC_BOOT = Pattern.compile("mmcblk\\d+boot\\d+");

    private final Path path;
    private final Path sysBlock;

    public FileEnvDevice(Path path) {
        this(path, SYS_CLASS_BLOCK);
    }

    /** With another sysfs block directory (tests). */
    public FileEnvDevice(Path path, Path sysBlock) {
        String s = path.toString();
        if (s.matches("/dev/mtd\\d+.*") || s.matches("/dev/ubi.*")) {
            throw new IllegalArgumentException("env device " + s
                    + ": raw MTD/UBI devices need erase-before-write and are not supported");
        }
        this.path = path;
        this.sysBlock = sysBlock;
    }

    /** Creates a new file of {@code size} bytes of {@code 0xff} (what erased flash looks like), durably. */
    public static FileEnvDevice createFile(Path path, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 0xff);
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(chunk.length, size - done);
                ByteBuffer buf = ByteBuffer.wrap(chunk, 0, n);
                while (buf.hasRemaining()) {
                    done += ch.write(buf);
                }
            }
            ch.force(true);
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            DurableFiles.fsyncDirectory(parent);
        }
        return new FileEnvDevice(path);
    }

    public Path path() {
        return path;
    }

    @Override
    public long size() throws IOException {
        // FileChannel.size() asks the kernel for a block device's size (BLKGETSIZE64) on Linux.
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return ch.size();
        }
    }

    @Override
    public byte[] read(long offset, int len) throws IOException {
        byte[] out = new byte[len];
        ByteBuffer buf = ByteBuffer.wrap(out);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            while (buf.hasRemaining()) {
                int n = ch.read(buf, offset + buf.position());
                if (n < 0) {
                    throw new EOFException(path + " ends at " + (offset + buf.position())
                            + ", before " + (offset + len));
                }
            }
        }
        return out;
    }

    @Override
    public void write(long offset, byte[] data) throws IOException {
        Path forceRo = forceRoFile();
        boolean unlocked = false;
        if (forceRo != null && "1".equals(Files.readString(forceRo, StandardCharsets.US_ASCII).strip())) {
            Files.writeString(forceRo, "0", StandardCharsets.US_ASCII);
            unlocked = true;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(data);
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                while (buf.hasRemaining()) {
                    ch.write(buf, offset + buf.position());
                }
                ch.force(true);
            }
        } finally {
            if (unlocked) {
                Files.writeString(forceRo, "1", StandardCharsets.US_ASCII);
            }
        }
    }

    /** The force_ro switch of an eMMC boot partition, or null for anything else. */
    Path forceRoFile() throws IOException {
        Path real = Files.exists(path) ? path.toRealPath() : path;
        String name = real.getFileName() == null ? "" : real.getFileName().toString();
        if (!EMMC_BOOT.matcher(name).matches()) {
            return null;
        }
        Path f = sysBlock.resolve(name).resolve("force_ro");
        return Files.exists(f) ? f : null;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
