package io.hostapp.delta;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * Applies a payload (delta or full image) from a stream, in bounded memory, resumably.
 *
 * <pre>{@code
 * DeltaDecoder decoder = new DeltaDecoder(activeSlot, inactiveSlot, checkpoints)
 *         .expectTarget(length, sha256);            // from signed metadata
 * try (InputStream in = fetch(decoder.resumeOffset())) { // e.g. an HTTP range request
 *     decoder.apply(in);
 * } catch (SourceMismatchException e) {
 *     // active slot is not the delta's source: fetch the full image instead
 * }
 * }</pre>
 *
 * <p>Order of work, chosen so a bad input changes nothing and a crash loses at most one operation:
 * <ol>
 *   <li>read the header (or restore it from the checkpoint) and check it against the expected target,
 *       the decoder's limits and the target's capacity;</li>
 *   <li>hash the source in chunks on all cores ({@link SourceDigest}) and compare the digest with the
 *       header's source digest, <em>before any write</em>;</li>
 *   <li>per operation: check its header ({@link OperationRules}) and produce its output;</li>
 *   <li>meanwhile two more threads ({@link TargetPipeline}) write the output and hash it (per operation,
 *       and the whole target unless {@link #verifyWholeTarget} turned that off), and after each operation
 *       check its SHA-256, fsync the target and save a checkpoint before they write the next one;</li>
 *   <li>check nothing follows the last operation, that the operations ended at the target's length, and
 *       the whole target's SHA-256 (if hashed).</li>
 * </ol>
 * Errors are {@link DeltaException}s (one line, naming the operation); {@link SourceMismatchException}
 * and {@link TargetMismatchException} single out the wrong source and a payload for another target.
 * Not thread-safe; one decoder per apply.
 */
public final class DeltaDecoder {
    private final SourceReader source;
    private final TargetWriter target;
    private final CheckpointStore checkpoints;
    private DecoderLimits limits = DecoderLimits.DEFAULT;
    private DecodeListener listener = DecodeListener.NONE;
    private long expectedLength = -1;
    private byte[] expectedSha256;
    private boolean wholeTarget = true;

    /**
     * @param source      the source image (use {@link SourceReader#EMPTY} for full-image payloads)
     * @param target      where the target image is written
     * @param checkpoints where progress is recorded ({@link CheckpointStore#NONE}: not resumable)
     */
    public DeltaDecoder(SourceReader source, TargetWriter target, CheckpointStore checkpoints) {
        this.source = source;
        this.target = target;
        this.checkpoints = checkpoints;
    }

    /** Sets the memory limits (default {@link DecoderLimits#DEFAULT}). */
    public DeltaDecoder limits(DecoderLimits limits) {
        this.limits = limits;
        return this;
    }

    /** Sets the listener. */
    public DeltaDecoder listener(DecodeListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Requires the payload to produce this target (length and raw SHA-256, from signed metadata); a
     * payload for another target fails with {@link TargetMismatchException} before anything is written.
     */
    public DeltaDecoder expectTarget(long length, byte[] sha256) {
        this.expectedLength = length;
        this.expectedSha256 = sha256.clone();
        return this;
    }

    /**
     * Whether to hash the whole target as it is written and check it against the header (default true).
     * The operations tile the target and every operation's output is checked against its SHA-256, so the
     * target is exactly what the payload describes either way; the whole-target hash adds a check against
     * the header's target SHA-256 for callers who trust that value more than the operation hashes (it was
     * matched against signed metadata with {@link #expectTarget}, while the payload's own signature is only
     * checked at the end of the stream). A caller that reads the written target back and checks it against
     * {@link ApplyResult#targetSha256Hex()} itself (the updater does, before it arms the slot) turns it off
     * and saves hashing the target twice. Off, a resume does not read back what earlier runs wrote.
     */
    public DeltaDecoder verifyWholeTarget(boolean on) {
        this.wholeTarget = on;
        return this;
    }

    /**
     * Where the stream given to {@link #apply} must start: 0, or the operation boundary recorded by the
     * last checkpoint (ignored if it belongs to another target than the expected one).
     */
    public long resumeOffset() throws IOException {
        return usableCheckpoint().map(Checkpoint::payloadOffset).orElse(0L);
    }

    /**
     * Starts the decoder's one-time set-up on a background thread and returns at once: loading zstd's
     * native library (about 20 ms) and the SHA-256 states of zero runs up to 64 MiB, the encoder's largest
     * ZERO operation (about 40 ms, and it gets the SHA-256 code compiled). A command-line tool calls it
     * first thing, so this runs on another core while it parses its arguments; without it the first
     * operations pay for it.
     */
    public static void warmUp() {
        Thread t = new Thread(() -> {
            com.github.luben.zstd.util.Native.load();
            ZeroDigests.prepare(64L << 20);
        }, "hostapp-delta-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Applies the payload; {@code payload} starts at {@link #resumeOffset()} and is read to its end (the
     * caller closes it).
     */
    public ApplyResult apply(InputStream payload) throws IOException {
        try {
            ApplyResult r = run(payload);
            listener.finished(r);
            return r;
        } catch (IOException e) {
            listener.failed(e);
            throw e;
        }
    }

    private ApplyResult run(InputStream payload) throws IOException {
        Optional<Checkpoint> cp = usableCheckpoint();
        PayloadReader reader = cp.isPresent()
                ? PayloadReader.resumed(payload, cp.get().header(), cp.get().payloadOffset())
                : PayloadReader.atStart(payload);
        long startOffset = cp.map(Checkpoint::payloadOffset).orElse(0L);
        PayloadHeader h = reader.header();
        checkHeader(h);
        int first = cp.map(Checkpoint::nextOperation).orElse(0);
        long position = cp.map(Checkpoint::targetOffset).orElse(0L);
        if (first > h.operationCount() || position > h.targetLength()) {
            throw new DeltaException("checkpoint: operation " + first + " / target offset " + position
                    + " lie beyond the payload");
        }
        listener.started(h, first);
        SourceChunkTable table = reader.chunkTable();
        verifySource(h, table);
        byte[] got;
        byte[] headerBytes = reader.headerBytes();
        TargetPipeline.Committer committer = new TargetPipeline.Committer() {
            @Override
            public void begin(OperationHeader op) {
                listener.operationStarted(op);
            }

            @Override
            public void committed(OperationHeader op, Checkpoint checkpoint) throws IOException {
                checkpoints.save(checkpoint);
                listener.operationFinished(op, checkpoint.payloadOffset());
            }
        };
        try (TargetPipeline pipeline = new TargetPipeline(target, position, limits.bufferSize(), wholeTarget,
                committer)) {
            OperationApplier applier = new OperationApplier(source, target, limits);
            try {
                for (int i = first; i < h.operationCount(); i++) {
                    OperationHeader op = reader.nextOperation(i);
                    OperationRules.check(h, table, op, i, position, limits);
                    if (op.kind() == OpKind.TARGET_DIFF) {
                        // its reference is target bytes earlier operations wrote
                        pipeline.awaitWritten(op.extents().stream().mapToLong(Extent::end).max().orElse(0));
                    }
                    pipeline.begin(op);
                    applier.apply(op, reader.data(op), new OperationOutput(op, pipeline));
                    position = op.targetEnd();
                    // checked, fsynced and recorded by the pipeline's writing thread while this one goes on
                    pipeline.commit(op, new Checkpoint(headerBytes, i + 1, reader.offset(), position));
                }
            } catch (IOException e) {
                // e.g. the payload's stream broke: the operations handed over whole are still checked
                // and checkpointed, so a resume does not fetch them again
                pipeline.commitHandedOver(e);
                throw e;
            }
            if (position != h.targetLength()) {
                throw new DeltaException("payload: operations end at " + position + ", target is "
                        + h.targetLength() + " bytes");
            }
            reader.expectEnd();
            got = pipeline.finish();
        }
        if (got != null && !Arrays.equals(got, h.targetSha256())) {
            throw new TargetMismatchException(h.operationCount() - 1, "target: SHA-256 after the last operation is "
                    + PayloadFormat.hex(got) + ", header says " + h.targetHex());
        }
        return new ApplyResult(h, first, h.operationCount() - first, reader.offset() - startOffset,
                h.targetHex(), got != null);
    }

    private Optional<Checkpoint> usableCheckpoint() throws IOException {
        Optional<Checkpoint> cp = checkpoints.load();
        if (cp.isEmpty() || expectedSha256 == null) {
            return cp;
        }
        try {
            PayloadHeader h = PayloadHeader.parse(cp.get().header());
            return matchesExpected(h) ? cp : Optional.empty();
        } catch (DeltaException e) {
            return Optional.empty();
        }
    }

    private boolean matchesExpected(PayloadHeader h) {
        return expectedSha256 == null
                || (h.targetLength() == expectedLength && Arrays.equals(h.targetSha256(), expectedSha256));
    }

    private void checkHeader(PayloadHeader h) throws IOException {
        if (!matchesExpected(h)) {
            throw new TargetMismatchException("header: payload produces " + h.targetLength() + " bytes "
                    + h.targetHex() + ", expected " + expectedLength + " bytes " + PayloadFormat.hex(expectedSha256)
                    + " (payload for another target)");
        }
        if (h.maxReference() > limits.maxReference()) {
            throw new DeltaException("header: payload needs a " + h.maxReference()
                    + "-byte reference, this decoder allows " + limits.maxReference());
        }
        if (h.windowLog() > limits.maxWindowLog()) {
            throw new DeltaException("header: payload needs zstd window log " + h.windowLog()
                    + ", this decoder allows " + limits.maxWindowLog());
        }
        long capacity = target.capacity();
        if (h.targetLength() > capacity) {
            throw new TargetMismatchException("header: target of " + h.targetLength() + " bytes does not fit the "
                    + capacity + "-byte target");
        }
    }

    // The source must be bit-exact where the delta reads it: a delta applied to anything else produces
    // garbage. A fresh apply hashes the chunks the source chunk table marks as read (each against its
    // digest in the table, which the table parse tied to the header's source digest); a resumed one has
    // no table (it is not fetched again) and hashes every chunk against the header's digest. A device
    // whose slot is larger than the image carries the image in the slot's first bytes, so only those count.
    private void verifySource(PayloadHeader h, SourceChunkTable table) throws IOException {
        if (h.kind() == PayloadKind.FULL_IMAGE) {
            return;
        }
        long have = source.length();
        if (have < h.sourceLength()) {
            throw new SourceMismatchException("source: " + have + " bytes, the delta was made from "
                    + h.sourceLength() + " bytes");
        }
        byte[] sums;
        try {
            sums = SourceDigest.chunkSums(source, h.sourceLength(), h.sourceChunkLog(), SourceDigest.defaultThreads(),
                    limits.bufferSize(), table == null ? i -> true : table::isRead);
        } catch (EOFException e) {
            throw new SourceMismatchException("source: " + e.getMessage());
        }
        if (table == null) {
            byte[] got = SourceDigest.digestOf(sums);
            if (!Arrays.equals(got, h.sourceDigest())) {
                throw new SourceMismatchException("source: SHA-256 chunk digest " + PayloadFormat.hex(got)
                        + " of the first " + h.sourceLength() + " bytes is not the delta's source (source sha256 "
                        + h.sourceHex() + ")");
            }
            listener.sourceVerified(h.sourceLength());
            return;
        }
        for (int i = 0; i < table.chunks(); i++) {
            if (table.isRead(i) && !Arrays.equals(sums, i * PayloadFormat.SHA256_SIZE,
                    (i + 1) * PayloadFormat.SHA256_SIZE, table.sum(i), 0, PayloadFormat.SHA256_SIZE)) {
                long at = (long) i << h.sourceChunkLog();
                throw new SourceMismatchException("source: chunk " + i + " [" + at + ", " + (at + table.chunkLength(i))
                        + ") differs from the delta's source (source sha256 " + h.sourceHex() + ")");
            }
        }
        listener.sourceVerified(table.readBytes());
    }
}
