package io.hostapp.delta.cli;

import io.hostapp.delta.ApplyResult;
import io.hostapp.delta.CheckpointStore;
import io.hostapp.delta.DeltaDecoder;
import io.hostapp.delta.FileCheckpointStore;
import io.hostapp.delta.SourceReader;
import io.hostapp.delta.TargetWriter;
import io.hostapp.delta.encoder.PeakMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.hostapp.delta.PayloadHeader;
import io.hostapp.delta.PayloadInfo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HexFormat;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/** {@code hostapp-delta patch OLD DELTA OUT}. */
@Command(name = "patch", description = {"Applies payload DELTA to image OLD, writing OUT. Checks OLD against"
        + " the delta's source digest before writing anything and every operation's output after writing it"
        + " (and, with --expect-sha256, the whole image); records a checkpoint after each operation, so"
        + " running the same command again after an interruption resumes where it stopped. Use - as OLD for"
        + " a full-image payload."})
final class PatchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD", description = "source image, or - for a full-image payload")
    String oldImage;
    @Parameters(index = "1", paramLabel = "DELTA", description = "payload file")
    Path payload;
    @Parameters(index = "2", paramLabel = "OUT", description = "target image to write (kept on resume)")
    Path out;
    @Option(names = "--checkpoint", paramLabel = "FILE", description = "checkpoint file (default: OUT.checkpoint)")
    Path checkpoint;
    @Option(names = "--no-checkpoint", description = "do not record checkpoints (not resumable)")
    boolean noCheckpoint;
    @Option(names = "--expect-sha256", paramLabel = "HEX", description = "refuse a payload that does not produce"
            + " an image with this SHA-256 (checked against the header before anything is written, and against"
            + " the whole image as it is written)")
    String expectSha256;

    @Override
    public Integer call() throws Exception {
        CheckpointStore store = noCheckpoint ? CheckpointStore.NONE
                : new FileCheckpointStore(checkpoint != null ? checkpoint
                        : out.resolveSibling(out.getFileName() + ".checkpoint"));
        long start = System.nanoTime();
        boolean existed = Files.exists(out);
        ApplyResult r;
        try (FileChannel src = "-".equals(oldImage) ? null : FileChannel.open(Path.of(oldImage), StandardOpenOption.READ);
             FileChannel dst = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.READ,
                     StandardOpenOption.WRITE);
             FileChannel in = FileChannel.open(payload, StandardOpenOption.READ)) {
            // a regular file may grow and gets holes for zero runs; a block device is written in full,
            // up to its size
            boolean regular = Files.isRegularFile(out);
            TargetWriter target = regular ? TargetWriter.sparseFile(dst)
                    : TargetWriter.of(dst, dst.size() > 0 ? dst.size() : Long.MAX_VALUE);
            // Without --expect-sha256 the header's target hash comes from the same file as the operation
            // hashes that check every byte: hashing the whole image again would prove nothing more.
            DeltaDecoder decoder = new DeltaDecoder(src == null ? SourceReader.EMPTY : SourceReader.of(src),
                    target, store).verifyWholeTarget(expectSha256 != null);
            if (expectSha256 != null) {
                // the channel's stream is not closed here: closing it would close the channel
                PayloadHeader h = PayloadInfo.header(Channels.newInputStream(in.position(0)));
                decoder.expectTarget(h.targetLength(), HexFormat.of().parseHex(expectSha256));
            }
            long offset = decoder.resumeOffset();
            in.position(offset);
            try (InputStream stream = new BufferedInputStream(Channels.newInputStream(in), 1 << 16)) {
                r = decoder.apply(stream);
            } catch (IOException e) {
                if (!existed && regular && dst.size() == 0) {
                    Files.deleteIfExists(out); // nothing was written: leave no empty file behind
                }
                throw e;
            }
            // A file target may hold bytes from an earlier, longer image: cut them off.
            if (regular && dst.size() > r.header().targetLength()) {
                dst.truncate(r.header().targetLength());
                dst.force(true);
            }
        }
        store.clear();
        System.out.printf("%s: %d bytes sha256 %s (%s); %d operations applied%s, %d payload bytes read, %.2f s,"
                        + " peak RSS %d MiB%n", out, r.header().targetLength(), r.targetSha256Hex(),
                r.wholeTargetHashed() ? "whole image hashed" : "every operation's output checked",
                r.operationsApplied(), r.resumed() ? " (resumed at operation " + r.firstOperation() + ")" : "",
                r.payloadBytesRead(), (System.nanoTime() - start) / 1e9, PeakMemory.peakRssBytes() >> 20);
        return 0;
    }
}
