package io.hostapp.updater.lifecycle;

import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;

/**
 * {@code hostapp-update shutdown}, run by {@code hostapp-update-shutdown.service}'s ExecStop at a clean
 * shutdown: a planned reboot while a trial is being verified must not count as a failed boot (balenaOS's
 * rollback-clear-bootcount does the same). When the booted slot is the armed trial, the trial is armed again,
 * so the bootloader counts from zero. Only a clean shutdown runs this; a crash or a power cut does not, so
 * those still count. Each reset is a journal save, so endless planned reboots still meet the loop breaker.
 * (On Raspberry Pi tryboot a trial only survives a reboot that asks for tryboot again.)
 */
public final class PlannedShutdown {
    private PlannedShutdown() {
    }

    public static BootCheck.Result run(Device d) throws UpdateException {
        Journal j = d.journal().load();
        try {
            Slot booted = d.boot().bootedSlot();
            boolean verifying = j.state() == JournalState.ArtifactReboot || j.state() == JournalState.ArtifactVerifyReboot;
            if (j.update().isEmpty() || !verifying || j.update().get().toSlot() != booted
                    || d.boot().state(booted) != SlotState.TRYING) {
                return new BootCheck.Result(ExitCode.OK, "clean shutdown: no trial running, nothing to do");
            }
            d.journal().save(j, j);
            d.boot().tryOnce(booted, d.board().bootloader().bootLimit());
            return new BootCheck.Result(ExitCode.OK, "clean shutdown during the trial of " + j.update().get().version()
                    + ": boot count reset, a planned reboot is not a failed boot");
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
    }
}
