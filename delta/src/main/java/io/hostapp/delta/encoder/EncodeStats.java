package io.hostapp.delta.encoder;

import io.hostapp.delta.OpKind;

import java.util.EnumMap;
import java.util.Map;

/**
 * What an encode produced and what it cost.
 *
 * @param payloadBytes      size of the payload file
 * @param operations        operation count
 * @param countByKind       operations per kind
 * @param targetBytesByKind target bytes produced per kind
 * @param dataBytesByKind   payload data bytes per kind
 * @param millis            wall time
 * @param peakRssBytes      the encoder process's peak resident set (VmHWM), or -1 if unknown
 */
public record EncodeStats(long payloadBytes, int operations, Map<OpKind, Integer> countByKind,
                          Map<OpKind, Long> targetBytesByKind, Map<OpKind, Long> dataBytesByKind, long millis,
                          long peakRssBytes) {

    /** Accumulates per-kind figures. */
    static final class Tally {
        final Map<OpKind, Integer> count = new EnumMap<>(OpKind.class);
        final Map<OpKind, Long> target = new EnumMap<>(OpKind.class);
        final Map<OpKind, Long> data = new EnumMap<>(OpKind.class);

        void add(OpKind kind, long targetBytes, long dataBytes) {
            count.merge(kind, 1, Integer::sum);
            target.merge(kind, targetBytes, Long::sum);
            data.merge(kind, dataBytes, Long::sum);
        }
    }
}
