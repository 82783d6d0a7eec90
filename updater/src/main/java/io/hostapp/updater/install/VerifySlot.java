package io.hostapp.updater.install;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Power-loss rule 2: reads the written slot back and hashes it before any flag flips. Also used to check a
 * slot's content against its recorded release before returning to it.
 */
public final class VerifySlot implements InstallStep<Void> {
    private final Storage storage;
    private final Path device;
    private final long length;
    private final String sha256;
    private final UpdateListener listener;

    public VerifySlot(Storage storage, Path device, long length, String sha256, UpdateListener listener) {
        this.storage = storage;
        this.device = device;
        this.length = length;
        this.sha256 = sha256;
        this.listener = listener;
    }

    @Override
    public String name() {
        return "read back and verify " + device.getFileName();
    }

    @Override
    public Void call() throws UpdateException {
        String got;
        try {
            got = hash(storage, device, length, listener);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, device + ": read-back failed: " + e.getMessage(), e);
        }
        if (!got.equals(sha256)) {
            throw new UpdateException(ExitCode.VERIFY, device + ": read-back SHA-256 mismatch: wrote " + sha256
                    + ", read " + got);
        }
        return null;
    }

    /** SHA-256 of the first {@code length} bytes of {@code device}. */
    public static String hash(Storage storage, Path device, long length, UpdateListener listener) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        ByteBuffer buf = ByteBuffer.allocate(WriteImage.BUFFER);
        try (Storage.BlockDevice in = storage.openDevice(device, false)) {
            long pos = 0;
            while (pos < length) {
                buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
                int n = in.read(buf, pos);
                if (n < 0) {
                    throw new IOException("device ends at " + pos + " of " + length + " bytes");
                }
                sha.update(buf.array(), 0, n);
                pos += n;
                listener.progress("verify", pos, length);
            }
        }
        return Sha256.hex(sha);
    }
}
