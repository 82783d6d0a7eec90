package io.hostapp.delta.encoder;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictContentType;
import io.hostapp.delta.Digests;
import io.hostapp.delta.Extent;
import io.hostapp.delta.OpKind;
import io.hostapp.delta.OperationHeader;

import java.security.MessageDigest;
import java.util.List;

/**
 * Turns a {@link PlannedOp} into an {@link EncodedOp}: hashes the target bytes it produces and, for a
 * PATCH, compresses them with zstd, with the chosen source extents as a raw-content dictionary (DIFF)
 * or, when there is no reference, without one (DATA); when the "source" is the target itself (full
 * images), the reference is earlier target bytes (TARGET_DIFF). Thread-safe: every call uses its own
 * zstd context.
 */
final class OpCompressor {
    private final ImageBytes src;
    private final ImageBytes tgt;
    private final ReferenceSelector selector;
    private final int level;

    OpCompressor(ImageBytes src, ImageBytes tgt, ReferenceSelector selector, int level) {
        this.src = src;
        this.tgt = tgt;
        this.selector = selector;
        this.level = level;
    }

    EncodedOp encode(int index, PlannedOp op) {
        byte[] sha = sha256(op);
        return switch (op.kind()) {
            case ZERO -> new EncodedOp(header(OpKind.ZERO, index, op, List.of(), 0, sha), new byte[0], 0, 0);
            case COPY -> new EncodedOp(header(OpKind.COPY, index, op, op.copyExtents(), 0, sha), new byte[0], 0, 0);
            case PATCH -> patch(index, op, sha);
        };
    }

    private EncodedOp patch(int index, PlannedOp op, byte[] sha) {
        byte[] data = new byte[(int) op.length()];
        tgt.copy(op.targetOffset(), data, 0, data.length);
        List<Extent> refs = selector.select(op);
        byte[] ref = null;
        if (!refs.isEmpty()) {
            long n = refs.stream().mapToLong(Extent::length).sum();
            ref = new byte[(int) n];
            int at = 0;
            for (Extent e : refs) {
                src.copy(e.offset(), ref, at, (int) e.length());
                at += (int) e.length();
            }
        }
        int windowLog = windowLog(data.length + (ref == null ? 0 : ref.length));
        byte[] frame = compress(data, ref, windowLog);
        OpKind kind = ref == null ? OpKind.DATA : src == tgt ? OpKind.TARGET_DIFF : OpKind.DIFF;
        return new EncodedOp(header(kind, index, op, ref == null ? List.of() : refs, frame.length, sha), frame,
                ref == null ? 0 : ref.length, windowLog);
    }

    private byte[] compress(byte[] data, byte[] ref, int windowLog) {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setLevel(level);
            ctx.setWindowLog(windowLog);
            ctx.setChecksum(false);
            ctx.setContentSize(true);
            ctx.setDictID(false);
            if (ref != null) {
                ctx.loadDict(ref, ZstdDictContentType.RAW_CONTENT);
            }
            return ctx.compress(data);
        }
    }

    /** The smallest window log covering {@code n} bytes (zstd's minimum is 10). */
    static int windowLog(long n) {
        return Math.max(10, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)));
    }

    private static OperationHeader header(OpKind kind, int index, PlannedOp op, List<Extent> extents,
                                          long dataLength, byte[] sha) {
        return new OperationHeader(kind, index, op.targetOffset(), op.length(), extents, dataLength, sha);
    }

    private byte[] sha256(PlannedOp op) {
        MessageDigest d = Digests.sha256();
        byte[] buf = new byte[1 << 20];
        for (long p = op.targetOffset(); p < op.targetEnd(); p += buf.length) {
            int n = (int) Math.min(buf.length, op.targetEnd() - p);
            tgt.copy(p, buf, 0, n);
            d.update(buf, 0, n);
        }
        return d.digest();
    }
}
