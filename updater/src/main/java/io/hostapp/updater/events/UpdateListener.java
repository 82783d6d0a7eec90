package io.hostapp.updater.events;

/**
 * The one typed event listener every part of the agent reports through (OkHttp's EventListener style:
 * paired start/end/failed hooks). The CLI renders events as lines; tests record and assert on them.
 * All methods default to doing nothing, so a listener overrides only what it shows.
 */
public interface UpdateListener {
    UpdateListener NONE = new UpdateListener() {
    };

    default void stepStarted(String step) {
    }

    default void stepFinished(String step) {
    }

    default void stepFailed(String step, String reason) {
    }

    /** Bytes {@code done} of {@code total} (-1 if unknown) in a streaming phase such as {@code write}. */
    default void progress(String phase, long done, long total) {
    }

    default void stateChanged(String from, String to) {
    }

    default void healthCheck(String check, int attempt, int attempts, boolean passed, String detail) {
    }

    /** A download dropped or was refused at byte {@code position}; retry number {@code attempt} follows after {@code delay}. */
    default void fetchRetry(String url, long position, int attempt, java.time.Duration delay, String reason) {
    }

    /** A plain informational line ("booted slot b", "rolled back by bootloader"). */
    default void info(String message) {
    }
}
