package io.hostapp.delta;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A payload's header and what its operations add up to, read front to back without applying anything
 * (operation data is skipped; headers are checked as the decoder would).
 *
 * @param header            the payload header
 * @param payloadBytes      total payload size
 * @param countByKind       operations per kind
 * @param targetBytesByKind target bytes produced per kind
 * @param dataBytesByKind   data bytes carried per kind
 * @param chunkTable        a delta's source chunk table (which source chunks the decoder checks); null for
 *                          a full image
 */
public record PayloadInfo(PayloadHeader header, long payloadBytes, Map<OpKind, Integer> countByKind,
                          Map<OpKind, Long> targetBytesByKind, Map<OpKind, Long> dataBytesByKind,
                          SourceChunkTable chunkTable) {

    /** Reads just the header at the start of {@code in}. */
    public static PayloadHeader header(InputStream in) throws IOException {
        return PayloadReader.headerOnly(in).header();
    }

    /** Reads a whole payload from {@code in}. */
    public static PayloadInfo read(InputStream in) throws IOException {
        PayloadReader r = PayloadReader.atStart(in);
        PayloadHeader h = r.header();
        Map<OpKind, Integer> count = new EnumMap<>(OpKind.class);
        Map<OpKind, Long> target = new EnumMap<>(OpKind.class);
        Map<OpKind, Long> data = new EnumMap<>(OpKind.class);
        long position = 0;
        DecoderLimits unlimited = new DecoderLimits(Integer.MAX_VALUE, 31, 1 << 16);
        for (int i = 0; i < h.operationCount(); i++) {
            OperationHeader op = r.nextOperation(i);
            OperationRules.check(h, r.chunkTable(), op, i, position, unlimited);
            InputStream d = r.data(op);
            long skipped = d.skip(op.dataLength());
            if (skipped != op.dataLength()) {
                throw new DeltaException(i, DeltaException.at(i, op.kind()) + "truncated payload in operation data");
            }
            count.merge(op.kind(), 1, Integer::sum);
            target.merge(op.kind(), op.targetLength(), Long::sum);
            data.merge(op.kind(), op.dataLength(), Long::sum);
            position = op.targetEnd();
        }
        r.expectEnd();
        return new PayloadInfo(h, r.offset(), Collections.unmodifiableMap(count),
                Collections.unmodifiableMap(target), Collections.unmodifiableMap(data), r.chunkTable());
    }
}
