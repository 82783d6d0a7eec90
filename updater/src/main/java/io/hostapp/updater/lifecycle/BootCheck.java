package io.hostapp.updater.lifecycle;

import io.hostapp.boot.BootBackend;
import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.health.HealthCheckRunner;
import io.hostapp.updater.hooks.HookRunner;
import io.hostapp.updater.install.VerifySlot;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import io.hostapp.updater.journal.UpdateJournal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's boot-time step ({@code hostapp-update boot-check}, run by its systemd unit before applications
 * start): reads the journal and the bootloader flags once, looks up what to do in {@link ResumeTable}, and
 * does it. Health checks pass → commit; fail → flip back and reboot; the bootloader fell back → record it.
 */
public final class BootCheck {
    /** What happened, for the CLI's exit code and message. */
    public record Result(ExitCode exitCode, String message) {
    }

    private final Device device;
    private final BootBackend boot;
    private final UpdateJournal journal;
    private final UpdateListener listener;
    private final HealthCheckRunner.Sleeper sleeper;

    public BootCheck(Device device, HealthCheckRunner.Sleeper sleeper) {
        this.device = device;
        this.boot = device.boot();
        this.journal = device.journal();
        this.listener = device.listener();
        this.sleeper = sleeper;
    }

    public Result run() throws UpdateException {
        Journal j = journal.load();
        BootFlags f = flags();
        listener.info("booted slot " + f.booted() + " (bootloader primary " + f.primary()
                + (f.trialArmed() ? ", trial armed" : "") + (f.fallbackReported() ? ", fallback reported" : "")
                + "); journal " + j.state());
        ResumeTable.Action action = ResumeTable.decide(j, f);
        switch (action) {
            case NOTHING:
                return new Result(ExitCode.OK, "nothing to do");
            case AWAIT_REBOOT:
                return new Result(ExitCode.OK, "update to " + j.update().orElseThrow().version() + " awaits reboot");
            case VERIFY:
                return verify(j, f.booted());
            case COMMIT:
                return commit(j, "health checks passed");
            case ROLLBACK_FLIP:
                return rollbackFlip(j);
            case FINISH_ROLLBACK:
                return finishRollback(j);
            case BOOTLOADER_FELL_BACK:
                return bootloaderFellBack(j, f);
            case CLEAN_FAILURE:
                return cleanFailure(j, f);
            case STOP_LOOP:
                return stopLoop(j, f);
            default:
                throw new IllegalStateException(action.name());
        }
    }

    private Result verify(Journal j, Slot booted) throws UpdateException {
        j = journal.save(j, j.withState(JournalState.ArtifactVerifyReboot));
        HealthCheckRunner.Result r;
        try {
            r = new HealthCheckRunner(device.board().health(), device.healthContext(booted), listener, sleeper).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateException(ExitCode.FAILURE, "health checks interrupted; they run again at next boot");
        }
        if (r.passed()) {
            return commit(j, "health checks passed");
        }
        Journal.Update u = j.update().orElseThrow();
        j = journal.save(j, j.withState(JournalState.ArtifactRollback).withUpdate(u.withReason(r.reason())));
        return rollbackFlip(j);
    }

    /** Commit: the new slot becomes the committed release; irreversible hooks run only now. */
    Result commit(Journal j, String why) throws UpdateException {
        Journal.Update u = j.update().orElseThrow();
        j = journal.save(j, j.withState(JournalState.ArtifactCommit));
        bootCall(() -> boot.markGood(u.toSlot()));
        try {
            new HookRunner(hooksDir(), false, listener).run(HookRunner.Phase.commit,
                    Map.of("HOSTAPP_RELEASE", u.version(), "HOSTAPP_TARGET_SLOT", u.toSlot().id()));
        } catch (UpdateException e) {
            // the slot is committed already; a failing commit hook is reported, not retried at every boot
            why = why + "; but " + e.getMessage();
        }
        journal.save(j, j.finished(outcome("committed", u.version(), why)));
        String msg = "committed " + u.version() + " in slot " + u.toSlot() + " (" + why + ")";
        listener.info(msg);
        return new Result(ExitCode.OK, msg);
    }

    /**
     * Flip the flags back to the old slot and reboot into it, unless the old slot no longer holds the release
     * the journal recorded there (then going back would boot something unverified: stay, and say so).
     */
    Result rollbackFlip(Journal j) throws UpdateException {
        Journal.Update u = j.update().orElseThrow();
        Optional<String> changed = oldSlotChanged(j, u.fromSlot());
        if (changed.isPresent()) {
            String reason = u.reason().orElse("rollback requested") + "; rollback refused: " + changed.get()
                    + "; staying on " + u.version();
            bootCall(() -> boot.markGood(u.toSlot()));
            journal.save(j, j.finished(outcome("failed", u.version(), reason)));
            listener.info(reason);
            return new Result(ExitCode.HEALTH, reason);
        }
        bootCall(() -> boot.markBad(u.toSlot()));
        j = journal.save(j, j.withState(JournalState.ArtifactRollbackReboot));
        String reason = u.reason().orElse("rollback requested");
        listener.info("rolling back " + u.version() + " to slot " + u.fromSlot() + ": " + reason + "; rebooting");
        device.rebooter().reboot("rollback: " + reason);
        return new Result(ExitCode.HEALTH, "rolling back " + u.version() + ": " + reason);
    }

    private Result finishRollback(Journal j) throws UpdateException {
        Journal.Update u = j.update().orElseThrow();
        bootCall(() -> boot.markGood(u.fromSlot()));
        String reason = u.reason().orElse("rollback requested");
        journal.save(j, j.finished(outcome("rolled-back", u.version(), reason)));
        listener.info("rolled back " + u.version() + ": " + reason + "; running slot " + u.fromSlot() + " again");
        return new Result(ExitCode.HEALTH, "rolled back " + u.version() + ": " + reason);
    }

    private Result bootloaderFellBack(Journal j, BootFlags f) throws UpdateException {
        bootCall(() -> boot.markGood(f.booted()));
        String version = j.update().map(Journal.Update::version).orElse("(untracked trial)");
        String reason = "rolled back by bootloader: slot " + f.booted().other() + " did not come up healthy within "
                + device.board().bootloader().bootLimit() + " boot(s)";
        journal.save(j, j.finished(outcome("rolled-back", version, reason)));
        listener.info(reason + "; running slot " + f.booted());
        return new Result(ExitCode.ROLLED_BACK, reason);
    }

    private Result cleanFailure(Journal j, BootFlags f) throws UpdateException {
        Journal.Update u = j.update().orElseThrow();
        if (f.booted() != u.toSlot()) {
            bootCall(() -> boot.markBad(u.toSlot()));
        }
        String reason = u.reason().orElse("install interrupted in state " + j.state() + " before the flag flip");
        j = journal.save(j, j.withState(JournalState.ArtifactFailure).withSlot(u.toSlot(), null));
        journal.save(j, j.finished(outcome("failed", u.version(), reason)));
        listener.info("update to " + u.version() + " failed: " + reason);
        return new Result(ExitCode.OK, "recorded failed update: " + reason);
    }

    private Result stopLoop(Journal j, BootFlags f) throws UpdateException {
        bootCall(() -> boot.markGood(f.booted()));
        Journal.Update u = j.update().orElseThrow();
        String reason = "reboot loop: " + u.saves() + " journal saves in state " + j.state() + "; kept slot " + f.booted();
        journal.save(j, j.finished(outcome("failed", u.version(), reason)));
        return new Result(ExitCode.FAILURE, reason);
    }

    /** Empty when {@code slot} still holds its recorded release (or none is recorded), else what differs. */
    private Optional<String> oldSlotChanged(Journal j, Slot slot) throws UpdateException {
        Optional<Journal.Release> r = j.slot(slot);
        if (r.isEmpty() || r.get().length() <= 0) {
            return Optional.empty();
        }
        try {
            String actual = VerifySlot.hash(device.storage(), device.slotDevice(slot), r.get().length(), UpdateListener.NONE);
            return actual.equals(r.get().sha256()) ? Optional.empty()
                    : Optional.of("slot " + slot + " no longer holds " + r.get().version() + " (SHA-256 " + actual + ")");
        } catch (java.io.IOException e) {
            return Optional.of("slot " + slot + " cannot be read (" + e.getMessage() + ")");
        }
    }

    private BootFlags flags() throws UpdateException {
        try {
            return BootFlags.read(boot);
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
    }

    interface BootCall {
        void run() throws BootException;
    }

    static void bootCall(BootCall c) throws UpdateException {
        try {
            c.run();
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
    }

    static Journal.Outcome outcome(String result, String version, String reason) {
        return new Journal.Outcome(result, version, reason, Instant.now().toString());
    }

    private Path hooksDir() {
        String h = device.board().hooksDir();
        return h == null ? null : device.resolve(h);
    }
}
