package io.hostapp.updater.install;

import io.hostapp.delta.ApplyResult;
import io.hostapp.delta.DecodeListener;
import io.hostapp.delta.DeltaDecoder;
import io.hostapp.delta.DeltaException;
import io.hostapp.delta.FullImagePayload;
import io.hostapp.delta.OperationHeader;
import io.hostapp.delta.PayloadException;
import io.hostapp.delta.PayloadFormat;
import io.hostapp.delta.PayloadHeader;
import io.hostapp.delta.PayloadStreamException;
import io.hostapp.delta.SourceMismatchException;
import io.hostapp.manifest.client.VerifyingInputStream;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.fetch.FetchException;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Streams the payload into the inactive slot, in one pass and bounded memory. Two payload kinds:
 * <ul>
 *   <li>the hostapp payload format ({@code delta/FORMAT.md}: a delta against the active slot, or a full image
 *       made of data operations), applied by the delta module's {@link DeltaDecoder}: source hash checked
 *       before any write, every operation's output hashed, a durable checkpoint after each operation so an
 *       interrupted apply resumes at the next operation, fetching only the rest of the payload;</li>
 *   <li>a raw or zstd-compressed image: decompressed, hashed and written through one 1 MiB buffer.</li>
 * </ul>
 * Either way nothing is written past the slot's end or the stated length, and length and SHA-256 are checked.
 */
final class WriteImage implements InstallStep<WrittenImage> {
    static final int BUFFER = 1 << 20;

    private final PayloadSource source;
    private final Storage storage;
    private final Path activeDevice;
    private final Path device;
    private final long slotSize;
    private final ExpectedImage expected;
    private final Path dataDir;
    private final UpdateListener listener;

    WriteImage(PayloadSource source, Storage storage, Path activeDevice, Path device, long slotSize,
               ExpectedImage expected, Path dataDir, UpdateListener listener) {
        this.source = source;
        this.storage = storage;
        this.activeDevice = activeDevice;
        this.device = device;
        this.slotSize = slotSize;
        this.expected = expected;
        this.dataDir = dataDir;
        this.listener = listener;
    }

    @Override
    public String name() {
        return "write " + source.describe() + " to " + device.getFileName();
    }

    @Override
    public WrittenImage call() throws UpdateException {
        StorageCheckpointStore checkpoints = new StorageCheckpointStore(storage, dataDir);
        try (Storage.BlockDevice active = storage.openDevice(activeDevice, false);
             Storage.BlockDevice out = storage.openDevice(device, true)) {
            // VerifySlot reads the whole slot back against the result's hash before anything is armed, so
            // the decoder need not hash the whole target as well (it still checks every operation)
            DeltaDecoder decoder = new DeltaDecoder(SlotIo.source(active, active.size()),
                    SlotIo.target(out, slotSize), checkpoints).listener(new Progress()).verifyWholeTarget(false);
            if (expected.length().isPresent() && expected.sha256().isPresent()) {
                decoder.expectTarget(expected.length().get(), HexFormat.of().parseHex(expected.sha256().get()));
            }
            long resumeAt = decoder.resumeOffset();
            if (resumeAt > 0) {
                listener.info("resuming the payload at byte " + resumeAt + " (the operations before it are on disk)");
            }
            try (InputStream opened = source.open(resumeAt)) {
                PushbackInputStream payload = new PushbackInputStream(opened, PayloadFormat.MAGIC.length);
                if (resumeAt > 0 || structured(payload)) {
                    return applyStructured(decoder, payload, checkpoints);
                }
                checkpoints.clear(); // a stale checkpoint of another payload must not be resumed later
                return stream(payload, out);
            }
        } catch (UpdateException e) {
            throw e;
        } catch (VerifyingInputStream.VerificationFailure e) {
            throw new UpdateException(ExitCode.VERIFY, source.describe() + ": " + e.getMessage(), e);
        } catch (PayloadStreamException e) {
            // the payload's stream failed, not the payload: keep the checkpoint, the next attempt resumes
            if (e.getCause() instanceof FetchException f) {
                throw new UpdateException(f.kind() == FetchException.Kind.TOO_LONG ? ExitCode.VERIFY : ExitCode.NETWORK,
                        "download " + f.getMessage(), f);
            }
            throw new UpdateException(ExitCode.INPUT, source.describe() + ": " + e.getMessage(), e);
        } catch (SourceMismatchException e) {
            clear(checkpoints);
            throw new UpdateException(ExitCode.VERIFY, source.describe() + ": the active slot is not this delta's "
                    + "source (" + e.getMessage() + ")", e);
        } catch (PayloadException e) {
            if (e instanceof DeltaException) {
                clear(checkpoints);
            }
            throw new UpdateException(ExitCode.VERIFY, source.describe() + ": " + e.getMessage(), e);
        } catch (FetchException e) {
            throw new UpdateException(e.kind() == FetchException.Kind.TOO_LONG ? ExitCode.VERIFY : ExitCode.NETWORK,
                    "download " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, name() + ": " + e.getMessage(), e);
        }
    }

    private static boolean structured(PushbackInputStream in) throws IOException {
        byte[] head = new byte[PayloadFormat.MAGIC.length];
        int n = in.readNBytes(head, 0, head.length);
        if (n > 0) {
            in.unread(head, 0, n);
        }
        return PayloadFormat.isPayload(head, n);
    }

    /** The hostapp payload format: the delta module's decoder does the checking and checkpointing. */
    private WrittenImage applyStructured(DeltaDecoder decoder, InputStream payload, StorageCheckpointStore checkpoints)
            throws IOException {
        ApplyResult r = decoder.apply(payload);
        checkpoints.clear();
        PayloadHeader h = r.header();
        listener.info("applied " + h.kind().name().toLowerCase().replace('_', ' ') + " payload: "
                + r.operationsApplied() + " of " + h.operationCount() + " operations"
                + (r.resumed() ? " (resumed at operation " + r.firstOperation() + ")" : "")
                + ", " + r.payloadBytesRead() + " payload bytes read");
        return new WrittenImage(h.targetLength(), r.targetSha256Hex());
    }

    /** A raw or zstd image: decompress, hash and write in one pass. */
    private WrittenImage stream(InputStream payload, Storage.BlockDevice out) throws IOException, UpdateException {
        MessageDigest sha = Sha256.newDigest();
        long total = expected.length().orElse(-1L);
        long pos = 0;
        try (InputStream image = FullImagePayload.open(payload).image()) {
            byte[] buf = new byte[BUFFER];
            while (true) {
                int n = image.readNBytes(buf, 0, buf.length);
                if (n <= 0) {
                    break;
                }
                if (pos + n > slotSize) {
                    throw new UpdateException(ExitCode.TOO_LARGE, source.describe() + ": image larger than slot ("
                            + device + " holds " + slotSize + " bytes)");
                }
                if (total >= 0 && pos + n > total) {
                    throw new UpdateException(ExitCode.VERIFY, source.describe()
                            + ": image longer than its stated length " + total);
                }
                sha.update(buf, 0, n);
                out.write(ByteBuffer.wrap(buf, 0, n), pos);
                pos += n;
                listener.progress("write", pos, total);
            }
        }
        if (total >= 0 && pos != total) {
            throw new UpdateException(ExitCode.VERIFY, source.describe() + ": truncated image: " + pos + " of "
                    + total + " bytes");
        }
        String got = Sha256.hex(sha);
        if (expected.sha256().isPresent() && !expected.sha256().get().equals(got)) {
            throw new UpdateException(ExitCode.VERIFY, source.describe() + ": SHA-256 mismatch: expected "
                    + expected.sha256().get() + ", got " + got);
        }
        if (pos == 0) {
            throw new UpdateException(ExitCode.INPUT, source.describe() + ": empty payload");
        }
        return new WrittenImage(pos, got);
    }

    private static void clear(StorageCheckpointStore checkpoints) {
        try {
            checkpoints.clear();
        } catch (IOException ignored) {
            // a checkpoint that stays is checked against the expected target before it is used
        }
    }

    /** Decoder progress as the listener's "apply" phase. */
    private final class Progress implements DecodeListener {
        private long targetLength;

        @Override
        public void started(PayloadHeader header, int firstOperation) {
            targetLength = header.targetLength();
        }

        @Override
        public void operationFinished(OperationHeader op, long payloadOffset) {
            listener.progress("apply", op.targetEnd(), targetLength);
        }
    }
}
