package io.hostapp.updater.install;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.storage.Storage;

import java.nio.file.Path;

/**
 * Writes an image to a slot at manufacturing time (for {@code sim create}): the same stream-hash-write,
 * fsync and read-back steps as an install, without the bootloader, because no slot is running yet.
 */
public final class FactoryFlash {
    private FactoryFlash() {
    }

    public static WrittenImage flash(PayloadSource source, Storage storage, Path device, long slotSize, Path dataDir,
                                     UpdateListener listener) throws UpdateException {
        ExpectedImage expected = source.manifest().map(m -> new ExpectedImage(
                m.hasLength() ? java.util.Optional.of(m.length()) : java.util.Optional.empty(),
                java.util.Optional.of(m.sha256()))).orElse(ExpectedImage.UNKNOWN);
        // the factory image is a full image: nothing runs yet, so the "active slot" is the slot itself, unused
        WrittenImage w = new WriteImage(source, storage, device, device, slotSize, expected, dataDir, listener).call();
        new SyncSlot(storage, device).call();
        new VerifySlot(storage, device, w.length(), w.sha256(), listener).call();
        return w;
    }
}
