package io.hostapp.updater.journal;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.storage.Storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The state journal in the data directory ({@code journal.json}). Every save is atomic (temp file, fsync,
 * rename, fsync directory: through {@link Storage#writeFileAtomically}), bumps the save counter and, during
 * an update, the update's own save count: past {@link #MAX_SAVES_PER_UPDATE} the update is looping through
 * reboots, and {@link ResumeTable} stops it.
 */
public final class UpdateJournal {
    /** File name inside the data directory. */
    public static final String FILE = "journal.json";
    /** Saves one update may take before it counts as a reboot loop (a normal update takes about ten). */
    public static final long MAX_SAVES_PER_UPDATE = 60;

    private final Storage storage;
    private final Path file;
    private final UpdateListener listener;
    private OutcomeObserver observer;

    /** Told when a save records a new outcome (reports are spooled from here). */
    public interface OutcomeObserver {
        void outcome(Journal.Outcome outcome, Journal.Update update, Journal before);
    }

    public void onOutcome(OutcomeObserver o) {
        this.observer = o;
    }

    public UpdateJournal(Storage storage, Path dataDir, UpdateListener listener) {
        this.storage = storage;
        this.file = dataDir.resolve(FILE);
        this.listener = listener;
    }

    public Path file() {
        return file;
    }

    /** The current journal; a device without one is Idle with nothing known. */
    public Journal load() throws UpdateException {
        byte[] bytes;
        try {
            bytes = storage.readFile(file);
        } catch (NoSuchFileException e) {
            return Journal.empty();
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "journal " + file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return JournalCodec.decode(bytes);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Saves {@code next} durably and returns it as saved (with its new counters). */
    public Journal save(Journal previous, Journal next) throws UpdateException {
        Journal saved = next.withSaveCounter(Math.max(previous.saveCounter(), next.saveCounter()) + 1);
        try {
            Files.createDirectories(file.getParent());
            storage.writeFileAtomically(file, JournalCodec.encode(saved));
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, "journal " + file + ": cannot save: " + e.getMessage(), e);
        }
        if (previous.state() != saved.state()) {
            listener.stateChanged(previous.state().name(), saved.state().name());
        }
        if (observer != null && saved.lastOutcome().isPresent() && !saved.lastOutcome().equals(previous.lastOutcome())) {
            observer.outcome(saved.lastOutcome().get(), previous.update().orElse(null), previous);
        }
        return saved;
    }

    /** True when the update in {@code j} has saved so often that it must be looping. */
    public static boolean looping(Journal j) {
        return j.update().map(u -> u.saves() > MAX_SAVES_PER_UPDATE).orElse(false);
    }
}
