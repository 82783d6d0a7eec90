package io.hostapp.updater.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A storage facade that loses power. The files on disk are what survived; what the agent wrote but did not
 * make durable is kept apart, visible to the running "process" (as the page cache is) but not on disk:
 * <ul>
 *   <li>a device write is pending until the device is fsynced;</li>
 *   <li>an atomic file replacement is: write temp, fsync temp, rename, fsync directory; the new content is
 *       visible from the rename on and durable only after the directory fsync;</li>
 *   <li>a rename and a file creation are durable only after the directory fsync.</li>
 * </ul>
 * Every write, fsync and rename is a numbered <em>event</em>. With {@code cutAt = k} the power goes just
 * before event k: pending device writes are dropped, or kept torn (a random subset of their 512-byte
 * sectors); renames not yet made durable are kept or lost at random; then {@link PowerCut} is thrown and every
 * later call throws it too (the process is gone). {@code cutAt = 0} never cuts, and counts the events.
 * Thread-safe (one lock): the delta decoder writes the target from its pipeline thread while the
 * decoding thread reads the source.
 */
public final class PowerCutStorage implements Storage {
    /** The power went: nothing after this happened. An Error, so no {@code catch (Exception)} swallows it. */
    public static final class PowerCut extends Error {
        PowerCut(String what) {
            super("power cut before " + what, null, false, false);
        }
    }

    private record Pending(long position, byte[] bytes) {
    }

    private final long cutAt;
    private final Random random;
    private final Map<Path, List<Pending>> pendingWrites = new HashMap<>();
    private final Map<Path, byte[]> renamedNotDurable = new LinkedHashMap<>();
    private long events;
    private boolean dead;
    private String cutBefore;

    public PowerCutStorage(long cutAt, long seed) {
        this.cutAt = cutAt;
        this.random = new Random(seed);
    }

    /** Events so far (with {@code cutAt = 0}: the number of crash points of what ran). */
    public synchronized long events() {
        return events;
    }

    /** What the power cut interrupted, or null. */
    public synchronized String cutBefore() {
        return cutBefore;
    }

    private synchronized void event(String what) {
        alive();
        events++;
        if (events == cutAt) {
            cut();
            dead = true;
            cutBefore = what;
            throw new PowerCut(what);
        }
    }

    private synchronized void alive() {
        if (dead) {
            throw new PowerCut("(after the cut)");
        }
    }

    /** The moment of the cut: each pending write is lost or torn; each non-durable rename lost or kept. */
    private void cut() {
        try {
            for (Map.Entry<Path, List<Pending>> e : pendingWrites.entrySet()) {
                if (random.nextBoolean()) {
                    continue; // nothing of it reached the disk
                }
                for (Pending p : e.getValue()) {
                    for (int off = 0; off < p.bytes.length; off += 512) {
                        if (random.nextBoolean()) {
                            int n = Math.min(512, p.bytes.length - off);
                            writeReal(e.getKey(), p.position + off, p.bytes, off, n);
                        }
                    }
                }
            }
            for (Map.Entry<Path, byte[]> e : renamedNotDurable.entrySet()) {
                if (random.nextBoolean()) {
                    Files.write(e.getKey(), e.getValue());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("power-cut simulator: " + e.getMessage(), e);
        }
        pendingWrites.clear();
        renamedNotDurable.clear();
    }

    @Override
    public synchronized byte[] readFile(Path file) throws IOException {
        alive();
        byte[] r = renamedNotDurable.get(key(file));
        if (r != null) {
            return r.clone();
        }
        return Files.readAllBytes(file);
    }

    @Override
    public synchronized void writeFileAtomically(Path file, byte[] content) throws IOException {
        Path k = key(file);
        event("write temp file for " + file.getFileName());
        event("fsync temp file for " + file.getFileName());
        event("rename over " + file.getFileName());
        renamedNotDurable.put(k, content.clone());
        event("fsync directory of " + file.getFileName());
        Files.createDirectories(k.getParent());
        Files.write(k, content);
        renamedNotDurable.remove(k);
    }

    @Override
    public synchronized void createFile(Path file) throws IOException {
        alive();
        if (Files.exists(file)) {
            return;
        }
        event("create " + file.getFileName());
        Files.createFile(file);
    }

    @Override
    public synchronized void rename(Path from, Path to) throws IOException {
        event("rename " + from.getFileName() + " to " + to.getFileName());
        event("fsync directory of " + to.getFileName());
        Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public synchronized void delete(Path file) throws IOException {
        alive();
        Files.deleteIfExists(file);
    }

    @Override
    public synchronized BlockDevice openDevice(Path device, boolean writable) throws IOException {
        alive();
        if (!Files.exists(device)) {
            throw new NoSuchFileException(device.toString());
        }
        Path k = key(device);
        return new BlockDevice() {
            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                synchronized (PowerCutStorage.this) {
                    alive();
                    long size = size();
                    int n = (int) Math.min(dst.remaining(), Math.max(0, size - position));
                    if (n == 0) {
                        return -1;
                    }
                    byte[] buf = new byte[n];
                    try (RandomAccessFile f = new RandomAccessFile(k.toFile(), "r")) {
                        if (position < f.length()) {
                            f.seek(position);
                            f.readFully(buf, 0, (int) Math.min(n, f.length() - position));
                        }
                    }
                    for (Pending p : pendingWrites.getOrDefault(k, List.of())) { // in write order: later writes win
                        long from = Math.max(position, p.position);
                        long to = Math.min(position + n, p.position + p.bytes.length);
                        if (from < to) {
                            System.arraycopy(p.bytes, (int) (from - p.position), buf, (int) (from - position), (int) (to - from));
                        }
                    }
                    dst.put(buf);
                    return n;
                }
            }

            @Override
            public void write(ByteBuffer src, long position) {
                synchronized (PowerCutStorage.this) {
                    event("write " + src.remaining() + " bytes at " + position + " of " + k.getFileName());
                    byte[] b = new byte[src.remaining()];
                    src.get(b);
                    pendingWrites.computeIfAbsent(k, x -> new ArrayList<>()).add(new Pending(position, b));
                }
            }

            @Override
            public void sync() throws IOException {
                synchronized (PowerCutStorage.this) {
                    event("fsync " + k.getFileName());
                    for (Pending p : pendingWrites.getOrDefault(k, List.of())) {
                        writeReal(k, p.position, p.bytes, 0, p.bytes.length);
                    }
                    pendingWrites.remove(k);
                }
            }

            @Override
            public long size() throws IOException {
                synchronized (PowerCutStorage.this) {
                    long s = Files.size(k);
                    for (Pending p : pendingWrites.getOrDefault(k, List.of())) {
                        s = Math.max(s, p.position + p.bytes.length);
                    }
                    return s;
                }
            }

            @Override
            public void close() {
                // nothing: pending writes stay pending, as a closed file's dirty pages do
            }
        };
    }

    private static void writeReal(Path file, long position, byte[] b, int off, int len) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            f.write(b, off, len);
        }
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
