package io.hostapp.updater.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Downloads into the data directory so a partial download survives a process restart and a reboot
 * ({@code fetch.cache} in the device configuration). Per URL: {@code cache/KEY.part} holds the bytes so far,
 * {@code cache/KEY.json} the URL, the server's validator and the total; the part is fsynced every few MiB, so
 * after a power cut the download resumes from the last synced byte with a range request (If-Range: the
 * validator). A changed payload discards the partial file and starts over. Used only when the data
 * partition has room for the whole payload plus a margin.
 */
public final class DownloadCache {
    static final long SYNC_EVERY = 4L << 20;
    /** Free space kept on the data partition beyond the payload. */
    static final long MARGIN = 16L << 20;

    private final Path dir;
    private final Storage storage;
    private final UpdateListener listener;

    public DownloadCache(Path dataDir, Storage storage, UpdateListener listener) {
        this.dir = dataDir.resolve("cache");
        this.storage = storage;
        this.listener = listener;
    }

    /**
     * True when the data partition can hold {@code bytes} more (unknown sizes are not cached). Asks statvfs
     * on the directory itself ({@link java.io.File#getUsableSpace}, 0 on error): {@code Files.getFileStore}
     * looks the directory's mount point up in /proc/self/mounts and fails where that table does not show it,
     * as in a chroot, which turned the cache off there.
     */
    public boolean hasRoomFor(long bytes) {
        try {
            Files.createDirectories(dir);
            return bytes >= 0 && dir.toFile().getUsableSpace() > bytes + MARGIN;
        } catch (IOException e) {
            return false;
        }
    }

    /** Downloads {@code url} completely into the cache (resuming what an earlier run left) and returns the file. */
    public Path fetch(HttpFetcher fetcher, String url, long maxLength, Transfer transfer) throws IOException {
        Files.createDirectories(dir);
        String key = key(url);
        Path part = dir.resolve(key + ".part");
        Path meta = dir.resolve(key + ".json");
        Path done = dir.resolve(key + ".payload");
        if (Files.exists(done)) {
            return done;
        }
        for (int attempt = 1; ; attempt++) {
            long have = Files.exists(part) ? Files.size(part) : 0;
            String validator = have > 0 ? validator(meta, url) : null;
            if (have > 0 && validator == null) {
                have = 0; // no record of what the bytes were: they cannot be trusted to continue
                storage.delete(part);
            }
            if (have > 0) {
                listener.info("resuming cached download of " + url + " at byte " + have);
            }
            ResumableDownload d = fetcher.resume(url, maxLength, have, validator);
            transfer.current = d;
            storage.createFile(part);
            try (Storage.BlockDevice out = storage.openDevice(part, true)) {
                copy(d, out, have, meta, url, transfer);
            } catch (FetchException e) {
                if (e.kind() != FetchException.Kind.CONTENT_CHANGED || attempt > 1) {
                    throw e;
                }
                transfer.refetched += Files.exists(part) ? Files.size(part) : 0;
                listener.info("the payload changed on the server; discarding the cached part");
                storage.delete(part);
                storage.delete(meta);
                continue;
            } finally {
                transfer.refetched += d.refetched();
                transfer.current = null;
            }
            storage.rename(part, done);
            storage.delete(meta);
            return done;
        }
    }

    /** Removes everything cached for {@code url} (after an install used it, or when it proved bad). */
    public void forget(String url) {
        String key = key(url);
        for (String suffix : new String[] {".part", ".json", ".payload"}) {
            try {
                storage.delete(dir.resolve(key + suffix));
            } catch (IOException e) {
                listener.info("cache: cannot remove " + key + suffix + ": " + e.getMessage());
            }
        }
    }

    /** Counters of a cached transfer, and a handle for another thread to cancel it (the daemon on SIGTERM). */
    public static final class Transfer {
        volatile ResumableDownload current;
        volatile long received;
        volatile long refetched;

        public void cancel() {
            ResumableDownload d = current;
            if (d != null) {
                d.cancel();
            }
        }

        /** Bytes received from the network by this process (the cached prefix from earlier runs excluded). */
        public long received() {
            return received;
        }

        /** Bytes received more than once (a discarded part, a resent prefix). */
        public long refetched() {
            return refetched;
        }
    }

    private void copy(ResumableDownload d, Storage.BlockDevice out, long start, Path meta, String url,
                      Transfer transfer) throws IOException {
        byte[] buf = new byte[1 << 16];
        long pos = start;
        long lastSync = start;
        boolean metaWritten = false;
        while (true) {
            int n = d.read(buf, 0, buf.length);
            if (n < 0) {
                break;
            }
            if (!metaWritten) {
                writeMeta(meta, url, d.validator(), d.expectedTotal());
                metaWritten = true;
            }
            transfer.received += n;
            out.write(ByteBuffer.wrap(buf, 0, n), pos);
            pos += n;
            listener.progress("download", pos, d.expectedTotal());
            if (pos - lastSync >= SYNC_EVERY) {
                out.sync();
                lastSync = pos;
            }
        }
        out.sync();
    }

    private void writeMeta(Path meta, String url, String validator, long total) throws IOException {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("url", url);
        n.put("validator", validator);
        n.put("total", total);
        storage.writeFileAtomically(meta, n.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String validator(Path meta, String url) {
        try {
            JsonNode n = new ObjectMapper().readTree(storage.readFile(meta));
            return url.equals(n.path("url").asText()) && n.hasNonNull("validator") ? n.get("validator").asText() : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    static String key(String url) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
