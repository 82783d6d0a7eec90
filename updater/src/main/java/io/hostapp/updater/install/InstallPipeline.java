package io.hostapp.updater.install;

import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.delta.Compression;
import io.hostapp.delta.SourceMismatchException;
import io.hostapp.manifest.ImageManifest;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.board.Board;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.fetch.FetchException;
import io.hostapp.updater.hooks.HookRunner;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.journal.JournalState;
import io.hostapp.updater.journal.UpdateJournal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Installs a full image into the inactive slot. The whole order is in {@link #run}, written so that a crash
 * at any line leaves a device that boots its current release:
 * <pre>
 *   preflight (no side effects: journal Idle, booted slot known, payload and sidecar sane, fits the slot)
 *   journal → ArtifactInstall, target slot's record cleared
 *   mark the inactive slot bad  →  hooks "before"
 *   stream, decompress, hash and write  →  fsync  →  read back and verify
 *   hooks "forward", then "after"  →  journal → ArtifactReboot, target slot's record = the new release
 *   arm the trial boot (the flag flip: the only step that changes what boots)
 * </pre>
 * On failure before the flip the journal returns to Idle with the failure recorded, the target slot stays
 * marked bad, and the active slot and flags are untouched. The caller holds the {@link
 * io.hostapp.updater.device.UpdateLock}.
 */
public final class InstallPipeline {
    private final Device device;
    private final UpdateListener listener;

    public InstallPipeline(Device device) {
        this.device = device;
        this.listener = device.listener();
    }

    /** Installs and arms the trial; returns the journal as saved in ArtifactReboot. */
    public Journal run(InstallRequest req) throws UpdateException {
        UpdateJournal journal = device.journal();
        Journal before = journal.load();
        Plan plan = preflight(req, before);

        Journal.Update update = new Journal.Update(plan.version, plan.from, plan.to,
                plan.expected.sha256().orElse(""), plan.expected.length().orElse(-1L), req.source().describe(),
                Instant.now().toString(), 0, Optional.empty());
        Journal j = journal.save(before, before.withState(JournalState.ArtifactInstall).withUpdate(update)
                .withSlot(plan.to, null));
        HookRunner hooks = new HookRunner(hooksDir(), req.skipHooks(), listener);
        Board.SlotSpec slot = device.board().slots().get(plan.to);
        Map<String, String> hookEnv = Map.of("HOSTAPP_TARGET_SLOT", plan.to.id(),
                "HOSTAPP_TARGET_DEVICE", plan.target.toString(),
                "HOSTAPP_TARGET_ROOT", slot.root() != null ? slot.root() : slot.device(),
                "HOSTAPP_RELEASE", plan.version, "HOSTAPP_BOARD", device.board().name());
        try {
            step(new MarkInactiveBad(device.boot(), plan.to));
            hooks.run(HookRunner.Phase.before, hookEnv);
            WrittenImage written = writeImage(req, plan);
            if (!req.source().transferSummary().isEmpty()) {
                listener.info(req.source().transferSummary());
            }
            step(new SyncSlot(device.storage(), plan.target));
            step(new VerifySlot(device.storage(), plan.target, written.length(), written.sha256(), listener));
            hooks.run(HookRunner.Phase.forward, hookEnv);
            hooks.run(HookRunner.Phase.after, hookEnv);

            Journal.Update done = new Journal.Update(plan.version, plan.from, plan.to, written.sha256(),
                    written.length(), req.source().describe(), update.startedAt(), 0, Optional.empty())
                    .withFetched(req.source().fetched());
            j = journal.save(j, j.withState(JournalState.ArtifactReboot).withUpdate(done)
                    .withSlot(plan.to, new Journal.Release(plan.version, written.sha256(), written.length())));
            step(new ArmTrial(device.boot(), plan.to, device.board().bootloader().bootLimit()));
            req.source().finished(false);
            listener.info("installed " + plan.version + " to slot " + plan.to + "; reboot to try it");
            return j;
        } catch (UpdateException e) {
            // a download cut short can be resumed next time; anything else about this payload is suspect
            req.source().finished(e.exitCode() == ExitCode.NETWORK);
            fail(j, plan, e, req.noRecovery() ? null : hooks, hookEnv);
            throw e;
        }
    }

    private record Plan(Slot from, Slot to, Path target, long slotSize, ExpectedImage expected, String version) {
    }

    /** Everything that can be checked before touching the device. */
    private Plan preflight(InstallRequest req, Journal j) throws UpdateException {
        if (j.state() != JournalState.Idle) {
            String what = j.update().map(u -> " (update to " + u.version() + ", slot " + u.toSlot() + ")").orElse("");
            throw new UpdateException(ExitCode.STATE, "an update is in progress: journal state " + j.state() + what
                    + "; reboot, run boot-check, or roll back first");
        }
        Slot booted;
        try {
            booted = device.boot().bootedSlot();
            device.boot().primarySlot(); // an unreadable env must fail here, before anything changes
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
        Slot to = booted.other();
        Path target = device.slotDevice(to);
        if (Files.exists(target) && Files.exists(device.slotDevice(booted))) {
            try {
                if (Files.isSameFile(target, device.slotDevice(booted))) {
                    throw new UpdateException(ExitCode.CONFIG, "slot " + to + " and booted slot " + booted
                            + " are the same device " + target);
                }
            } catch (java.io.IOException e) {
                throw new UpdateException(ExitCode.CONFIG, "slot " + to + ": " + e.getMessage(), e);
            }
        }
        long slotSize = device.slotSize(to);
        req.source().check();
        Optional<ImageManifest> m = req.source().manifest();
        if (m.isPresent() && m.get().board().isPresent() && !m.get().board().get().equals(device.board().name())) {
            throw new UpdateException(ExitCode.WRONG_BOARD, req.source().describe() + ": image is for board '"
                    + m.get().board().get() + "', this device is '" + device.board().name() + "'");
        }
        ExpectedImage expected = m.map(mm -> new ExpectedImage(mm.hasLength() ? Optional.of(mm.length())
                : Optional.empty(), Optional.of(mm.sha256()))).orElse(ExpectedImage.UNKNOWN);
        long stated = expected.length().orElse(-1L);
        if (stated > slotSize) {
            throw new UpdateException(ExitCode.TOO_LARGE, req.source().describe() + ": image of " + stated
                    + " bytes is larger than slot " + to + " (" + slotSize + " bytes)");
        }
        if (stated < 0 && req.source().storedSize() > slotSize && !compressed(req.source())) {
            throw new UpdateException(ExitCode.TOO_LARGE, req.source().describe() + ": image of "
                    + req.source().storedSize() + " bytes is larger than slot " + to + " (" + slotSize + " bytes)");
        }
        String version = req.version().or(() -> m.flatMap(ImageManifest::release))
                .orElse(req.source().defaultVersion());
        return new Plan(booted, to, target, slotSize, expected, version);
    }

    /**
     * Streams the payload into the slot; when the server says the payload changed under a resumed download,
     * starts over once from byte 0 (the new bytes are still checked against the expected hash).
     */
    private WrittenImage writeImage(InstallRequest req, Plan plan) throws UpdateException {
        PayloadSource source = req.source();
        for (int attempt = 1; ; attempt++) {
            try {
                return step(new WriteImage(source, device.storage(), device.slotDevice(plan.from), plan.target,
                        plan.slotSize, plan.expected, device.dataDir(), listener));
            } catch (UpdateException e) {
                if (attempt == 1 && e.getCause() instanceof SourceMismatchException && req.fallback().isPresent()) {
                    // a delta needs the exact source; a locally modified active slot must never block an update
                    listener.info(e.getMessage() + "; installing the full image instead");
                    req.source().finished(false);
                    source = req.fallback().get();
                    continue;
                }
                if (attempt > 1 || !(e.getCause() instanceof FetchException f)
                        || f.kind() != FetchException.Kind.CONTENT_CHANGED) {
                    throw e;
                }
                listener.info("the payload changed on the server; starting the download over");
            }
        }
    }

    /** Whether the payload is zstd-compressed (reads its first bytes). */
    private static boolean compressed(PayloadSource source) throws UpdateException {
        try (java.io.InputStream in = source.open()) {
            byte[] head = in.readNBytes(4);
            return Compression.detect(head, head.length) == Compression.ZSTD;
        } catch (java.io.IOException e) {
            throw new UpdateException(ExitCode.INPUT, source.describe() + ": cannot read: " + e.getMessage(), e);
        }
    }

    private <T> T step(InstallStep<T> s) throws UpdateException {
        listener.stepStarted(s.name());
        try {
            T r = s.call();
            listener.stepFinished(s.name());
            return r;
        } catch (UpdateException e) {
            listener.stepFailed(s.name(), e.getMessage());
            throw e;
        }
    }

    /** Back to Idle with the failure on record; the target slot stays marked bad (it was, before writing). */
    private void fail(Journal j, Plan plan, UpdateException cause, HookRunner cleanup, Map<String, String> env) {
        try {
            if (cleanup != null) {
                cleanup.run(HookRunner.Phase.cleanup, env);
            }
        } catch (UpdateException e) {
            listener.info("cleanup hooks failed too: " + e.getMessage());
        }
        try {
            device.journal().save(j, j.withState(JournalState.ArtifactFailure));
            Journal now = device.journal().load();
            device.journal().save(now, now.finished(new Journal.Outcome("failed", plan.version, cause.getMessage(),
                    Instant.now().toString())));
        } catch (UpdateException e) {
            listener.info("could not record the failure in the journal: " + e.getMessage());
        }
    }

    private Path hooksDir() {
        String h = device.board().hooksDir();
        return h == null ? null : device.resolve(h);
    }
}
