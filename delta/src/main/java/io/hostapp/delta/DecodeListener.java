package io.hostapp.delta;

import java.io.IOException;

/**
 * Observes an apply: paired start/finish hooks per operation, so a CLI can draw progress and a test can
 * count what was (re)done. {@link #operationStarted} and {@link #operationFinished} run on the thread that
 * writes the target (the next operation waits for them), the others on the caller's; keep them quick.
 * All default to no-ops.
 */
public interface DecodeListener {

    /** The header was read (or restored from a checkpoint); {@code firstOperation} > 0 means resumed. */
    default void started(PayloadHeader header, int firstOperation) {
    }

    /**
     * The source matched: every chunk the delta reads matched the source chunk table, or on a resumed
     * apply the whole source matched the header's source digest ({@code bytes} were hashed).
     */
    default void sourceVerified(long bytes) {
    }

    /** An operation passed its header checks, the one before it is checkpointed, and its first write is next. */
    default void operationStarted(OperationHeader op) {
    }

    /** An operation's output was verified, synced and checkpointed; {@code payloadOffset} follows it. */
    default void operationFinished(OperationHeader op, long payloadOffset) {
    }

    /** The whole target was written and its SHA-256 matched. */
    default void finished(ApplyResult result) {
    }

    /** The apply stopped with {@code error}; the checkpoint still names the last finished operation. */
    default void failed(IOException error) {
    }

    /** A listener that ignores everything. */
    DecodeListener NONE = new DecodeListener() {
    };
}
