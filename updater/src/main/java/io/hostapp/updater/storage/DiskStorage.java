package io.hostapp.updater.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The real storage: files and block devices through {@link FileChannel}, fsync via {@code force(true)}. */
public final class DiskStorage implements Storage {

    @Override
    public byte[] readFile(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    @Override
    public void writeFileAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    @Override
    public void createFile(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        syncDirectory(file.toAbsolutePath().getParent());
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(to.toAbsolutePath().getParent());
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    /** fsync of a directory: a rename is durable only after it (POSIX; ext4 and most others). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public BlockDevice openDevice(Path device, boolean writable) throws IOException {
        FileChannel ch = writable
                ? FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(device, StandardOpenOption.READ);
        return new ChannelDevice(ch, device);
    }

    private static final class ChannelDevice implements BlockDevice {
        private final FileChannel ch;
        private final Path path;

        ChannelDevice(FileChannel ch, Path path) {
            this.ch = ch;
            this.path = path;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return ch.read(dst, position);
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            long pos = position;
            while (src.hasRemaining()) {
                pos += ch.write(src, pos);
            }
        }

        @Override
        public void sync() throws IOException {
            ch.force(true);
        }

        @Override
        public boolean concurrentSync() {
            return true; // FileChannel positional I/O and force are thread-safe
        }

        @Override
        public long size() throws IOException {
            long s = ch.size();
            if (s == 0 && !Files.isRegularFile(path)) {
                // A block device reports 0 through fstat on some JDKs; ask the kernel's sysfs instead.
                return BlockDeviceSize.of(path);
            }
            return s;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
