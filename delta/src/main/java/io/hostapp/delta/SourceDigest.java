package io.hostapp.delta;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * The source digest of {@code delta/FORMAT.md} ("Header": source chunk log, source digest): the source is
 * cut into chunks of 2^chunkLog bytes (the last one may be shorter; an empty source has none), and the
 * digest is the SHA-256 of the chunks' 32-byte SHA-256s concatenated in order. Unlike a plain SHA-256 the
 * chunks can be hashed on several threads, so the source check the decoder makes before its first write
 * uses all cores. The encoder ({@link #chunkSums} over its mapped image, for the source chunk table) and
 * the decoder ({@link #chunkSums} over a {@link SourceReader}, then {@link #digestOf}) share the hashing
 * and the combination, so they cannot drift apart.
 */
public final class SourceDigest {
    /** Smallest and largest chunk log a delta may declare. */
    public static final int MIN_CHUNK_LOG = 20;
    public static final int MAX_CHUNK_LOG = 30;
    /**
     * What the encoder uses: 4 MiB chunks (128 chunk digests, 4 KiB, per 512 MiB). Smaller chunks let a
     * decoder skip more of the source a delta does not read (SourceChunkTable) but make the table larger.
     */
    public static final int DEFAULT_CHUNK_LOG = 22;
    /** Largest chunk count whose digests fit one array. */
    static final long MAX_CHUNKS = (Integer.MAX_VALUE - 8) / PayloadFormat.SHA256_SIZE;

    private SourceDigest() {
    }

    /**
     * The SHA-256 of one chunk, {@code [offset, offset + length)} of the image. Each hashing thread gets its
     * own instance (from the supplier given to {@link #chunkSums}), so it may keep a buffer and a digest.
     */
    @FunctionalInterface
    public interface ChunkHasher {
        byte[] sha256(long offset, int length) throws IOException;
    }

    /** Hashing threads for the decoder: two even on one core (reading overlaps hashing), at most four. */
    public static int defaultThreads() {
        return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Number of chunks of a {@code length}-byte source. */
    public static long chunkCount(long length, int chunkLog) {
        return length == 0 ? 0 : ((length - 1) >>> chunkLog) + 1;
    }

    /**
     * The digest of the first {@code length} bytes of {@code source}, read with positional reads on
     * {@code threads} threads (each with one {@code bufferSize}-byte heap buffer). A source that ends
     * early throws {@link EOFException}.
     */
    public static byte[] of(SourceReader source, long length, int chunkLog, int threads, int bufferSize)
            throws IOException {
        return digestOf(chunkSums(source, length, chunkLog, threads, bufferSize, i -> true));
    }

    /**
     * The SHA-256s of the chunks of {@code source} that {@code which} selects, 32 bytes per chunk in chunk
     * order (zeros for the others), read as {@link #of} reads them.
     */
    public static byte[] chunkSums(SourceReader source, long length, int chunkLog, int threads, int bufferSize,
                                   IntPredicate which) throws IOException {
        return chunkSums(length, chunkLog, threads, which, () -> {
            ByteBuffer buf = ByteBuffer.allocate(bufferSize);
            MessageDigest d = Digests.sha256();
            return (offset, n) -> {
                long end = offset + n;
                for (long pos = offset; pos < end; ) {
                    buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
                    while (buf.hasRemaining()) {
                        int r = source.read(buf, pos + buf.position());
                        if (r < 0) {
                            throw new EOFException("source ends at " + (pos + buf.position()) + ", expected "
                                    + length + " bytes");
                        }
                    }
                    d.update(buf.array(), 0, buf.limit());
                    pos += buf.limit();
                }
                return d.digest();
            };
        });
    }

    /** The digest made of chunk SHA-256s (32 bytes each, in order): SHA-256 over their concatenation. */
    public static byte[] digestOf(byte[] sums) {
        MessageDigest d = Digests.sha256();
        d.update(sums);
        return d.digest();
    }

    /**
     * The SHA-256s of the chunks {@code which} selects of a {@code length}-byte image whose chunks
     * {@code hashers} hash: 32 bytes per chunk of the image, in chunk order, zeros for chunks not selected.
     * The selected chunk indices are handed out in order to {@code threads} threads (fewer if fewer chunks
     * are selected; with one, the calling thread does it all). What a hashing thread throws is rethrown
     * here as it was (an IOException, a RuntimeException, an Error); the other threads then take no
     * further chunk.
     */
    public static byte[] chunkSums(long length, int chunkLog, int threads, IntPredicate which,
                                   Supplier<ChunkHasher> hashers) throws IOException {
        if (length < 0 || chunkLog < MIN_CHUNK_LOG || chunkLog > MAX_CHUNK_LOG || threads < 1) {
            throw new IllegalArgumentException("bad source digest parameters (length " + length + ", chunk log "
                    + chunkLog + ", threads " + threads + ")");
        }
        long count = chunkCount(length, chunkLog);
        if (count > MAX_CHUNKS) {
            throw new IllegalArgumentException(length + " bytes are too many chunks of 2^" + chunkLog);
        }
        byte[] sums = new byte[(int) count * PayloadFormat.SHA256_SIZE];
        int[] chunks = new int[(int) count];
        int selected = 0;
        for (int i = 0; i < count; i++) {
            if (which.test(i)) {
                chunks[selected++] = i;
            }
        }
        chunks = Arrays.copyOf(chunks, selected);
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, chunks.length);
        if (workers <= 1) {
            hashChunks(length, chunkLog, chunks, next, hashers.get(), sums);
        } else {
            hashInParallel(length, chunkLog, chunks, next, hashers, sums, workers);
        }
        return sums;
    }

    private static void hashInParallel(long length, int chunkLog, int[] chunks, AtomicInteger next,
                                       Supplier<ChunkHasher> hashers, byte[] sums, int workers) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "hostapp-delta-source-digest");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                done.add(pool.submit(() -> {
                    try {
                        hashChunks(length, chunkLog, chunks, next, hashers.get(), sums);
                    } catch (Throwable t) {
                        next.set(chunks.length); // the others take no further chunk
                        throw t;
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                if (Thread.interrupted()) {
                    // also when the workers are already done: an interrupted apply stops here, always
                    throw new InterruptedException();
                }
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the source");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException("source digest failed: " + c, c);
        } finally {
            // Stop handing out chunks, but do not interrupt: a thread interrupted inside FileChannel.read
            // closes the channel, which belongs to the caller. A thread still hashing finishes its chunk.
            next.set(chunks.length);
            pool.shutdown();
        }
    }

    private static void hashChunks(long length, int chunkLog, int[] chunks, AtomicInteger next, ChunkHasher h,
                                   byte[] sums) throws IOException {
        for (int k = next.getAndIncrement(); k < chunks.length; k = next.getAndIncrement()) {
            int i = chunks[k];
            long offset = (long) i << chunkLog;
            byte[] sum = h.sha256(offset, (int) Math.min(1L << chunkLog, length - offset));
            if (sum.length != PayloadFormat.SHA256_SIZE) {
                throw new IllegalStateException("chunk hasher returned " + sum.length + " bytes");
            }
            System.arraycopy(sum, 0, sums, i * PayloadFormat.SHA256_SIZE, PayloadFormat.SHA256_SIZE);
        }
    }
}
