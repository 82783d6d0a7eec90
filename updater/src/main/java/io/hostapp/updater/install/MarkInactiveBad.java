package io.hostapp.updater.install;

import io.hostapp.boot.BootBackend;
import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

/** Power-loss rule 1: the inactive slot is unbootable before its first byte is written. */
final class MarkInactiveBad implements InstallStep<Void> {
    private final BootBackend boot;
    private final Slot target;

    MarkInactiveBad(BootBackend boot, Slot target) {
        this.boot = boot;
        this.target = target;
    }

    @Override
    public String name() {
        return "mark inactive slot " + target + " bad";
    }

    @Override
    public Void call() throws UpdateException {
        try {
            boot.markBad(target);
            return null;
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
    }
}
