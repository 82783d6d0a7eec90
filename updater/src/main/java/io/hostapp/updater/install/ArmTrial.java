package io.hostapp.updater.install;

import io.hostapp.boot.BootBackend;
import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

/** Power-loss rule 6: the flag flip is the last step, and the only one that changes what boots. */
final class ArmTrial implements InstallStep<Void> {
    private final BootBackend boot;
    private final Slot target;
    private final int bootLimit;

    ArmTrial(BootBackend boot, Slot target, int bootLimit) {
        this.boot = boot;
        this.target = target;
        this.bootLimit = bootLimit;
    }

    @Override
    public String name() {
        return "arm trial boot of slot " + target + " (bootlimit " + bootLimit + ")";
    }

    @Override
    public Void call() throws UpdateException {
        try {
            boot.tryOnce(target, bootLimit);
            return null;
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
    }
}
