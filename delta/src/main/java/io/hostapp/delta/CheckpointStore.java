package io.hostapp.delta;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the decoder records its progress. {@link #save} must be durable and atomic when it returns (a
 * crash leaves either the previous or the new checkpoint, never a torn one): the decoder calls it after
 * each operation, once the target has been synced. One store serves one install; the caller clears it
 * when the install finishes or is abandoned.
 */
public interface CheckpointStore {

    /** The last saved checkpoint, or empty if none (or if it is unreadable: starting over is always safe). */
    Optional<Checkpoint> load() throws IOException;

    /** Durably replaces the checkpoint. */
    void save(Checkpoint checkpoint) throws IOException;

    /** Forgets the checkpoint. */
    void clear() throws IOException;

    /** A store that keeps nothing: every apply starts from the first operation. */
    CheckpointStore NONE = new CheckpointStore() {
        @Override
        public Optional<Checkpoint> load() {
            return Optional.empty();
        }

        @Override
        public void save(Checkpoint checkpoint) {
        }

        @Override
        public void clear() {
        }
    };

    /** A store in memory, for tests and for callers with their own journal. */
    static CheckpointStore inMemory() {
        return new CheckpointStore() {
            private Checkpoint saved;

            @Override
            public synchronized Optional<Checkpoint> load() {
                return Optional.ofNullable(saved);
            }

            @Override
            public synchronized void save(Checkpoint checkpoint) {
                saved = checkpoint;
            }

            @Override
            public synchronized void clear() {
                saved = null;
            }
        };
    }
}
