package io.hostapp.updater.lifecycle;

import io.hostapp.boot.BootBackend;
import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.boot.SlotState;

/** What the agent reads from the bootloader at boot: one snapshot, so every decision sees the same facts. */
record BootFlags(Slot booted, Slot primary, boolean trialArmed, Slot trialSlot, boolean fallbackReported) {

    static BootFlags read(BootBackend boot) throws BootException {
        Slot booted = boot.bootedSlot();
        Slot primary = boot.primarySlot();
        boolean armed = boot.state(primary) == SlotState.TRYING;
        return new BootFlags(booted, primary, armed, armed ? primary : null, boot.fallbackReported());
    }

    boolean armedFor(Slot s) {
        return trialArmed && trialSlot == s;
    }
}
