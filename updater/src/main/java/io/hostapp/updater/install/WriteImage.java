package io.hostapp.updater.install;

import io.hostapp.delta.FullImagePayload;
import io.hostapp.delta.PayloadException;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.fetch.FetchException;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Streams the payload into the inactive slot: decompress, hash and write in one pass, with bounded memory
 * (one 1 MiB buffer). Stops before writing a byte past the slot's end or past the stated length, and checks
 * length and SHA-256 at the end of the stream.
 */
final class WriteImage implements InstallStep<WrittenImage> {
    static final int BUFFER = 1 << 20;

    private final PayloadSource source;
    private final Storage storage;
    private final Path device;
    private final long slotSize;
    private final ExpectedImage expected;
    private final UpdateListener listener;

    WriteImage(PayloadSource source, Storage storage, Path device, long slotSize, ExpectedImage expected,
               UpdateListener listener) {
        this.source = source;
        this.storage = storage;
        this.device = device;
        this.slotSize = slotSize;
        this.expected = expected;
        this.listener = listener;
    }

    @Override
    public String name() {
        return "write " + source.describe() + " to " + device.getFileName();
    }

    @Override
    public WrittenImage call() throws UpdateException {
        MessageDigest sha = Sha256.newDigest();
        long total = expected.length().orElse(-1L);
        long pos = 0;
        try (InputStream payload = source.open();
             InputStream image = FullImagePayload.open(payload).image();
             Storage.BlockDevice out = storage.openDevice(device, true)) {
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
        } catch (io.hostapp.manifest.client.VerifyingInputStream.VerificationFailure e) {
            throw new UpdateException(ExitCode.VERIFY, source.describe() + ": " + e.getMessage(), e);
        } catch (PayloadException e) {
            throw new UpdateException(ExitCode.VERIFY, source.describe() + ": " + e.getMessage(), e);
        } catch (FetchException e) {
            throw new UpdateException(e.kind() == FetchException.Kind.TOO_LONG ? ExitCode.VERIFY : ExitCode.NETWORK,
                    "download " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, name() + ": " + e.getMessage(), e);
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
}
