package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The {@code signed} part of a TUF metadata document: one of the four role types. Instances are
 * immutable views of a parsed document; {@link #json()} is the object exactly as parsed or built,
 * including fields this client does not know (they are covered by the signatures, so they are kept).
 */
public sealed interface Signed permits Root, Timestamp, Snapshot, Targets {

    /** The {@code _type} value: {@code root}, {@code timestamp}, {@code snapshot} or {@code targets}. */
    String type();

    SignedHeader header();

    /** The whole {@code signed} object (a copy). */
    ObjectNode json();

    default long version() {
        return header().version();
    }

    default Instant expires() {
        return header().expires();
    }

    /** True when {@code now} is at or after the expiry (as python-tuf: {@code expires <= now}). */
    default boolean isExpiredAt(Instant now) {
        return !header().expires().isAfter(now);
    }
}
