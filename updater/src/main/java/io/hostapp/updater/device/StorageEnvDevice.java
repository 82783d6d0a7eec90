package io.hostapp.updater.device;

import io.hostapp.boot.EnvDevice;
import io.hostapp.updater.storage.Storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Adapts the storage facade to the bootloader module's {@link EnvDevice}, so env writes go through it too. */
final class StorageEnvDevice implements EnvDevice {
    private final Storage storage;
    private final Path path;

    StorageEnvDevice(Storage storage, Path path) {
        this.storage = storage;
        this.path = path;
    }

    @Override
    public long size() throws IOException {
        try (Storage.BlockDevice d = storage.openDevice(path, false)) {
            return d.size();
        }
    }

    @Override
    public byte[] read(long offset, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(len);
        try (Storage.BlockDevice d = storage.openDevice(path, false)) {
            while (buf.hasRemaining()) {
                int n = d.read(buf, offset + buf.position());
                if (n < 0) {
                    throw new EOFException(path + ": ends before " + (offset + len));
                }
            }
        }
        return buf.array();
    }

    @Override
    public void write(long offset, byte[] data) throws IOException {
        try (Storage.BlockDevice d = storage.openDevice(path, true)) {
            d.write(ByteBuffer.wrap(data), offset);
            d.sync();
        }
    }
}
