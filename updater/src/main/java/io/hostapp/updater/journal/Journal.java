package io.hostapp.updater.journal;

import io.hostapp.boot.Slot;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable snapshot of the state journal. The on-disk form is documented in {@code updater/JOURNAL.md}
 * and produced by {@link JournalCodec}.
 *
 * @param saveCounter total saves ever (monotonic)
 * @param state       where the agent is
 * @param update      the update in progress; empty when {@link JournalState#Idle}
 * @param slots       what each slot holds, as far as the agent verified it; empty when unknown or invalid
 * @param lastOutcome how the last update ended
 */
public record Journal(long saveCounter, JournalState state, Optional<Update> update, Map<Slot, Optional<Release>> slots,
                      Optional<Outcome> lastOutcome) {

    /** Current schema version of the journal file. */
    public static final int SCHEMA = 1;

    public Journal {
        Map<Slot, Optional<Release>> m = new EnumMap<>(Slot.class);
        for (Slot s : Slot.values()) {
            m.put(s, slots.getOrDefault(s, Optional.empty()));
        }
        slots = Map.copyOf(m);
    }

    /** A journal for a device nothing is known about yet. */
    public static Journal empty() {
        return new Journal(0, JournalState.Idle, Optional.empty(), Map.of(), Optional.empty());
    }

    /** A verified image in a slot. */
    public record Release(String version, String sha256, long length) {
    }

    /**
     * The update in progress. {@code saves} counts journal saves since it started: the loop breaker.
     * {@code reason} carries why a rollback or failure is happening, so the outcome can name it.
     * {@code fetched} is the bytes downloaded for it (-1 when nothing was downloaded or it is unknown).
     */
    public record Update(String version, Slot fromSlot, Slot toSlot, String sha256, long length, String source,
                         String startedAt, long saves, Optional<String> reason, long fetched) {

        public Update(String version, Slot fromSlot, Slot toSlot, String sha256, long length, String source,
                      String startedAt, long saves, Optional<String> reason) {
            this(version, fromSlot, toSlot, sha256, length, source, startedAt, saves, reason, -1);
        }

        public Update withReason(String r) {
            return new Update(version, fromSlot, toSlot, sha256, length, source, startedAt, saves, Optional.of(r), fetched);
        }

        public Update withFetched(long bytes) {
            return new Update(version, fromSlot, toSlot, sha256, length, source, startedAt, saves, reason, bytes);
        }

        Update withSaves(long n) {
            return new Update(version, fromSlot, toSlot, sha256, length, source, startedAt, n, reason, fetched);
        }
    }

    /** How an update ended. {@code result}: {@code committed}, {@code rolled-back}, {@code failed}. */
    public record Outcome(String result, String version, String reason, String at) {
    }

    public Optional<Release> slot(Slot s) {
        return slots.get(s);
    }

    public Journal withState(JournalState s) {
        return new Journal(saveCounter, s, update, slots, lastOutcome);
    }

    public Journal withUpdate(Update u) {
        return new Journal(saveCounter, state, Optional.ofNullable(u), slots, lastOutcome);
    }

    public Journal withSlot(Slot s, Release r) {
        Map<Slot, Optional<Release>> m = new EnumMap<>(slots);
        m.put(s, Optional.ofNullable(r));
        return new Journal(saveCounter, state, update, m, lastOutcome);
    }

    public Journal withOutcome(Outcome o) {
        return new Journal(saveCounter, state, update, slots, Optional.of(o));
    }

    /** Back to Idle: the update is over. */
    public Journal finished(Outcome o) {
        return new Journal(saveCounter, JournalState.Idle, Optional.empty(), slots, Optional.of(o));
    }

    Journal withSaveCounter(long n) {
        return new Journal(n, state, update.map(u -> u.withSaves(u.saves() + 1)), slots, lastOutcome);
    }
}
