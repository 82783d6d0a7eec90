package io.hostapp.delta.encoder;

import io.hostapp.delta.Digests;
import io.hostapp.delta.PayloadFormat;
import io.hostapp.delta.PayloadHeader;
import io.hostapp.delta.PayloadKind;
import io.hostapp.delta.OperationHeader;
import io.hostapp.delta.PayloadWriter;
import io.hostapp.delta.SourceChunkTable;
import io.hostapp.delta.SourceDigest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Makes payloads (runs on the publisher's machine, where memory is plentiful):
 * <ol>
 *   <li>hash both images (and the source's chunks, {@link SourceDigest}) while the source's anchors are
 *       indexed ({@link AnchorIndex});</li>
 *   <li>scan the target once into zero runs, matches and literals ({@link TargetScanner});</li>
 *   <li>group them into operations ({@link OpPlanner});</li>
 *   <li>compress the patches on all threads, each against its own reference ({@link OpCompressor}), and
 *       write the operations in target order ({@link PayloadWriter}).</li>
 * </ol>
 * A full image is the same pipeline with the target standing in for the source: matches point to earlier
 * target bytes, so only ZERO, DATA and TARGET_DIFF operations come out.
 */
public final class DeltaEncoder {
    private final EncoderOptions options;
    private final Consumer<String> log;

    /** @param log receives one-line progress notes (may be {@code s -> {}}) */
    public DeltaEncoder(EncoderOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /** Writes a delta from {@code source} to {@code target} into {@code out}. */
    public EncodeStats diff(Path source, Path target, Path out) throws IOException {
        return encode(ImageBytes.map(source), ImageBytes.map(target), out, PayloadKind.DELTA);
    }

    /** Writes a full-image payload of {@code target} into {@code out}. */
    public EncodeStats fullImage(Path target, Path out) throws IOException {
        return encode(ImageBytes.empty(), ImageBytes.map(target), out, PayloadKind.FULL_IMAGE);
    }

    /** Writes a payload turning {@code src} into {@code tgt} ({@link ImageBytes#empty()} and FULL_IMAGE for a full image). */
    public EncodeStats encode(ImageBytes src, ImageBytes tgt, Path out, PayloadKind kind) throws IOException {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "hostapp-delta-encoder");
            t.setDaemon(true);
            return t;
        });
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING)) {
            boolean full = kind == PayloadKind.FULL_IMAGE;
            // a full image has no source; its patches may refer to earlier bytes of the target instead
            ImageBytes ref = full ? tgt : src;
            Future<byte[]> srcSha = pool.submit(() -> full ? new byte[32] : sha256(src));
            Future<byte[]> tgtSha = pool.submit(() -> sha256(tgt));
            Future<byte[]> srcChunks = pool.submit(() -> full ? null : sourceChunkSums(src, options.threads()));
            AnchorIndex index = AnchorIndex.build(ref, options.anchorBits());
            log.accept("indexed " + index.size() + " source anchors (" + (index.bytes() >> 20) + " MiB table) "
                    + ms(start));
            List<Segment> segments = new TargetScanner(ref, tgt, index, options.anchorBits(), options.minMatch(),
                    options.minCopy())
                    .scan();
            index = null; // the table is the largest structure: let it go before compressing
            List<PlannedOp> plan = new OpPlanner(options.minCopy(), options.maxPatch(), options.maxCopy(),
                    options.maxReference(), !full)
                    .plan(segments);
            log.accept("scanned: " + segments.size() + " segments, " + plan.size() + " operations " + ms(start));
            segments = null;
            OpCompressor compressor = new OpCompressor(ref, tgt,
                    new ReferenceSelector(src.length(), options.maxReference(), options.margin(), full),
                    options.level());
            PayloadWriter writer = new PayloadWriter(ch,
                    full ? 0 : (int) SourceChunkTable.size(src.length(), SourceDigest.DEFAULT_CHUNK_LOG));
            List<OperationHeader> written = new ArrayList<>(); // for the source chunk table: what ops read
            EncodeStats.Tally tally = new EncodeStats.Tally();
            long maxRef = 0;
            int windowLog = 0;
            // Biggest jobs first (longest-processing-time scheduling): a large patch started last would
            // leave the other cores idle at the end. Results are written strictly in target order.
            List<Future<EncodedOp>> results = new ArrayList<>(Collections.nCopies(plan.size(), null));
            Integer[] order = new Integer[plan.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingLong((Integer i) -> cost(plan.get(i))).reversed());
            for (int i : order) {
                PlannedOp op = plan.get(i);
                results.set(i, pool.submit(() -> compressor.encode(i, op)));
            }
            for (int i = 0; i < plan.size(); i++) {
                EncodedOp e = results.get(i).get();
                results.set(i, null);
                writer.write(e.header(), e.data());
                if (e.header().kind().readsSource()) {
                    written.add(e.header());
                }
                tally.add(e.header().kind(), e.header().targetLength(), e.data().length);
                maxRef = Math.max(maxRef, e.referenceBytes());
                windowLog = Math.max(windowLog, e.windowLog());
            }
            SourceChunkTable table = full ? null
                    : SourceChunkTable.of(src.length(), SourceDigest.DEFAULT_CHUNK_LOG, srcChunks.get());
            for (OperationHeader op : written) {
                op.extents().forEach(table::markRead);
            }
            PayloadHeader header = new PayloadHeader(kind, PayloadFormat.DEFAULT_BLOCK_SIZE, src.length(),
                    srcSha.get(), tgt.length(), tgtSha.get(), plan.size(), (int) maxRef, windowLog,
                    full ? 0 : SourceDigest.DEFAULT_CHUNK_LOG, full ? new byte[32] : table.digest());
            writer.finish(header, table);
            long millis = (System.nanoTime() - start) / 1_000_000;
            log.accept("wrote " + writer.size() + " bytes " + ms(start));
            return new EncodeStats(writer.size(), plan.size(), tally.count, tally.target, tally.data, millis,
                    PeakMemory.peakRssBytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("encoder interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("encoder failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    // Relative work of an operation: zstd passes over the patch and its reference; copies and zero runs
    // are only hashed.
    private long cost(PlannedOp op) {
        return op.kind() == PlannedOp.Kind.PATCH ? op.length() + options.maxReference() : op.length() / 64;
    }

    private static String ms(long start) {
        return "(" + (System.nanoTime() - start) / 1_000_000 + " ms)";
    }

    static byte[] sha256(ImageBytes img) {
        return sha256(img, 0, img.length(), Digests.sha256(), new byte[1 << 20]);
    }

    /** The SHA-256s of {@code img}'s source chunks (delta/FORMAT.md), hashed on {@code threads} threads. */
    static byte[] sourceChunkSums(ImageBytes img, int threads) throws IOException {
        return SourceDigest.chunkSums(img.length(), SourceDigest.DEFAULT_CHUNK_LOG, threads, i -> true, () -> {
            MessageDigest d = Digests.sha256();
            byte[] buf = new byte[1 << 20];
            return (offset, length) -> sha256(img, offset, offset + length, d, buf);
        });
    }

    private static byte[] sha256(ImageBytes img, long from, long to, MessageDigest d, byte[] buf) {
        for (long p = from; p < to; p += buf.length) {
            int n = (int) Math.min(buf.length, to - p);
            img.copy(p, buf, 0, n);
            d.update(buf, 0, n);
        }
        return d.digest();
    }
}
