package io.hostapp.updater.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The storage facade of DESIGN.md's power-loss rules: every durable write of the agent (slot writes,
 * journal, bootloader env, the data directory) goes through one of these methods, so a test can put a
 * power-cut simulator behind it and cut at every write, fsync and rename.
 */
public interface Storage {

    /** Reads a whole (small) file. */
    byte[] readFile(Path file) throws IOException;

    /**
     * Replaces {@code file} durably and atomically (rule 3): write a temp file beside it, fsync it, rename it
     * over {@code file}, fsync the directory. A crash leaves either the old or the new content.
     */
    void writeFileAtomically(Path file, byte[] content) throws IOException;

    /** Opens a slot or env device (a block device or, when simulated, a file) for positional I/O. */
    BlockDevice openDevice(Path device, boolean writable) throws IOException;

    /** Creates {@code file} empty if it does not exist (durably: the directory is fsynced); keeps it if it does. */
    void createFile(Path file) throws IOException;

    /** Renames {@code from} over {@code to} atomically and fsyncs the directory: durable once this returns. */
    void rename(Path from, Path to) throws IOException;

    /** Deletes {@code file} if it exists (not made durable: a deleted file coming back must be harmless). */
    void delete(Path file) throws IOException;

    /** Positional access to a device; {@link #sync()} makes written data durable. */
    interface BlockDevice extends AutoCloseable {
        int read(java.nio.ByteBuffer dst, long position) throws IOException;

        void write(java.nio.ByteBuffer src, long position) throws IOException;

        /** fsync: all writes so far survive a power cut once this returns. */
        void sync() throws IOException;

        /** Size in bytes (for a block device, its capacity). */
        long size() throws IOException;

        /**
         * Whether {@link #sync} may run on another thread while writes go on (the delta decoder then
         * starts writeback early, see delta/README.md). Default false.
         */
        default boolean concurrentSync() {
            return false;
        }

        @Override
        void close() throws IOException;
    }
}
