package io.hostapp.updater.repo.publish;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * One publisher at a time per repository: {@code REPO/staging/publisher.lock} (an OS file lock, so a crashed
 * process holds nothing). A second {@code hostapp-repo} on the same tree, e.g. the timestamp cron job while an
 * operator publishes, waits for the first instead of interleaving metadata versions. Locks are held until
 * {@link #releaseAll()}, which the CLI calls when a command ends.
 */
public final class PublisherLock {
    /** Lock file name inside {@code staging/} (never served). */
    public static final String FILE = "publisher.lock";

    private static final List<FileChannel> HELD = new ArrayList<>();
    private static final Set<Path> HELD_FILES = new HashSet<>();

    private PublisherLock() {
    }

    /** Takes the repository's lock, waiting while another publisher holds it. */
    public static synchronized void acquire(Path repo) throws UpdateException {
        Path f = repo.toAbsolutePath().normalize().resolve("staging").resolve(FILE);
        if (HELD_FILES.contains(f)) {
            return; // this command already holds it
        }
        try {
            Files.createDirectories(f.getParent());
            FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                System.err.println("hostapp-repo: waiting for another hostapp-repo working on " + repo);
                ch.lock();
            }
            HELD.add(ch);
            HELD_FILES.add(f);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.REPOSITORY, f + ": cannot take the publisher lock: " + e.getMessage(), e);
        }
    }

    /** Releases every lock this process took. */
    public static synchronized void releaseAll() {
        for (FileChannel ch : HELD) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing else to do
            }
        }
        HELD.clear();
        HELD_FILES.clear();
    }
}
