package io.hostapp.updater.device;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One state-changing operation at a time per device: an exclusive {@code fcntl} lock on
 * {@code DATA_DIR/update.lock}, held for the operation and released by the kernel if the process dies
 * (so a kill -9 never leaves a stale lock behind).
 */
public final class UpdateLock implements AutoCloseable {
    public static final String FILE = "update.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private UpdateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once with {@link ExitCode#LOCKED}. */
    public static UpdateLock acquire(Path dataDir) throws UpdateException {
        return acquire(dataDir, FILE);
    }

    /** Takes the lock file {@code name} in {@code dataDir} (e.g. the daemon's single-instance lock). */
    public static UpdateLock acquire(Path dataDir, String name) throws UpdateException {
        Path file = dataDir.resolve(name);
        FileChannel ch = null;
        try {
            Files.createDirectories(dataDir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                throw new UpdateException(ExitCode.LOCKED, "another hostapp-update operation holds " + file);
            }
            return new UpdateLock(ch, l);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw new UpdateException(ExitCode.LOCKED, "another hostapp-update operation holds " + file);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UpdateException(ExitCode.FAILURE, "lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException ignored) {
            // closing after a failed lock: nothing to report beyond the original failure
        }
    }

    @Override
    public void close() throws UpdateException {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "releasing update lock: " + e.getMessage(), e);
        }
    }
}
