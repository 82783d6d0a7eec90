package io.hostapp.updater.lifecycle;

import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.install.VerifySlot;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import io.hostapp.updater.journal.UpdateJournal;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The CLI verbs {@code mark-good}, {@code mark-bad} and {@code rollback}. They map onto the same functions
 * the boot-time step uses, so a hand-made commit or rollback leaves the same journal as an automatic one.
 */
public final class ManualActions {
    private final Device device;
    private final UpdateJournal journal;
    private final BootCheck bootCheck;

    public ManualActions(Device device) {
        this.device = device;
        this.journal = device.journal();
        this.bootCheck = new BootCheck(device, s -> { });
    }

    /** {@code mark-good [SLOT]}: commit the booted trial, or make {@code slot} the primary slot. */
    public BootCheck.Result markGood(Optional<Slot> slot) throws UpdateException {
        Journal j = journal.load();
        Slot booted = booted();
        Slot s = slot.orElse(booted);
        if (j.update().isPresent()) {
            Journal.Update u = j.update().get();
            boolean trial = j.state() == JournalState.ArtifactReboot || j.state() == JournalState.ArtifactVerifyReboot;
            if (trial && s == u.toSlot() && booted == u.toSlot()) {
                return bootCheck.commit(j, "marked good by hand");
            }
            throw new UpdateException(ExitCode.STATE, "cannot mark slot " + s + " good while the update to "
                    + u.version() + " is in state " + j.state() + " (booted slot " + booted + ")");
        }
        if (s != booted && j.slot(s).isEmpty()) {
            throw new UpdateException(ExitCode.STATE, "slot " + s + " holds no verified release; refusing to boot it");
        }
        BootCheck.bootCall(() -> device.boot().markGood(s));
        return new BootCheck.Result(ExitCode.OK, "marked slot " + s + " good");
    }

    /** {@code mark-bad [SLOT]}: reject the update in progress, or make an idle slot unbootable. */
    public BootCheck.Result markBad(Optional<Slot> slot) throws UpdateException {
        Journal j = journal.load();
        Slot booted = booted();
        Slot s = slot.orElse(booted);
        if (j.update().isPresent() && s == j.update().get().toSlot() && j.state() != JournalState.ArtifactFailure) {
            return abortUpdate(j, booted, "marked bad by hand");
        }
        if (j.update().isPresent()) {
            throw new UpdateException(ExitCode.STATE, "cannot mark slot " + s + " bad while an update is in state "
                    + j.state());
        }
        if (s == booted && j.slot(s.other()).isEmpty()) {
            throw new UpdateException(ExitCode.STATE, "slot " + s.other()
                    + " holds no verified release; marking the booted slot bad would leave nothing to boot");
        }
        BootCheck.bootCall(() -> device.boot().markBad(s));
        return new BootCheck.Result(ExitCode.OK, "marked slot " + s + " bad");
    }

    /**
     * {@code rollback}: during an update, abandon it and return to the old slot; when idle, arm a trial of
     * the other slot's recorded release, after checking that its content still hashes to that release.
     */
    public BootCheck.Result rollback() throws UpdateException {
        Journal j = journal.load();
        Slot booted = booted();
        if (j.update().isPresent() && j.state() != JournalState.ArtifactFailure) {
            return abortUpdate(j, booted, "rollback requested by hand");
        }
        if (j.state() != JournalState.Idle) {
            throw new UpdateException(ExitCode.STATE, "journal state " + j.state() + ": run boot-check first");
        }
        Slot other = booted.other();
        Journal.Release r = j.slot(other).orElseThrow(() -> new UpdateException(ExitCode.STATE,
                "nothing to roll back to: slot " + other + " holds no verified release"));
        String actual;
        try {
            actual = VerifySlot.hash(device.storage(), device.slotDevice(other), r.length(), device.listener());
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "slot " + other + ": cannot read: " + e.getMessage(), e);
        }
        if (!actual.equals(r.sha256())) {
            throw new UpdateException(ExitCode.VERIFY, "slot " + other + " no longer holds " + r.version()
                    + " (SHA-256 " + actual + ", recorded " + r.sha256() + "); refusing to roll back to it");
        }
        Journal.Update u = new Journal.Update(r.version(), booted, other, r.sha256(), r.length(),
                "rollback to slot " + other, Instant.now().toString(), 0, Optional.empty());
        journal.save(j, j.withState(JournalState.ArtifactReboot).withUpdate(u));
        BootCheck.bootCall(() -> device.boot().tryOnce(other, device.board().bootloader().bootLimit()));
        return new BootCheck.Result(ExitCode.OK, "armed a trial of " + r.version() + " in slot " + other
                + "; reboot to return to it");
    }

    private BootCheck.Result abortUpdate(Journal j, Slot booted, String reason) throws UpdateException {
        Journal.Update u = j.update().orElseThrow();
        j = journal.save(j, j.withState(JournalState.ArtifactRollback).withUpdate(u.withReason(reason)));
        if (booted == u.toSlot()) {
            return bootCheck.rollbackFlip(j);
        }
        BootCheck.bootCall(() -> device.boot().markBad(u.toSlot()));
        journal.save(j, j.finished(BootCheck.outcome("rolled-back", u.version(), reason)));
        return new BootCheck.Result(ExitCode.OK, "abandoned update to " + u.version() + ": " + reason);
    }

    private Slot booted() throws UpdateException {
        try {
            return device.boot().bootedSlot();
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
    }
}
