package io.hostapp.updater.install;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.nio.file.Path;

/** fsync of the slot: the written image survives a power cut before anything is verified or flipped. */
final class SyncSlot implements InstallStep<Void> {
    private final Storage storage;
    private final Path device;

    SyncSlot(Storage storage, Path device) {
        this.storage = storage;
        this.device = device;
    }

    @Override
    public String name() {
        return "fsync " + device.getFileName();
    }

    @Override
    public Void call() throws UpdateException {
        try (Storage.BlockDevice d = storage.openDevice(device, true)) {
            d.sync();
            return null;
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, device + ": fsync failed: " + e.getMessage(), e);
        }
    }
}
