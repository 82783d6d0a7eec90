package io.hostapp.delta;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictContentType;
import io.hostapp.delta.encoder.DeltaEncoder;
import io.hostapp.delta.encoder.EncoderOptions;
import io.hostapp.delta.encoder.ImageBytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds payloads for tests: with the real encoder, or operation by operation (also malformed ones). */
public final class Payloads {
    private Payloads() {
    }

    /** The default encoder at zstd level 3: the same operations, a fraction of the time. */
    public static final EncoderOptions FAST = EncoderOptions.DEFAULT.withLevel(3);

    /** Encodes a delta (or, with a null source, a full image) with the real encoder at level 3. */
    public static byte[] encode(byte[] source, byte[] target, Path dir) throws IOException {
        return encode(source, target, dir, FAST);
    }

    public static byte[] encode(byte[] source, byte[] target, Path dir, EncoderOptions options) throws IOException {
        Path out = Files.createTempFile(dir, "payload", ".bin");
        new DeltaEncoder(options, m -> { }).encode(source == null ? ImageBytes.empty() : ImageBytes.of(source),
                ImageBytes.of(target), out, source == null ? PayloadKind.FULL_IMAGE : PayloadKind.DELTA);
        return Files.readAllBytes(out);
    }

    /** Applies {@code payload} to {@code source} in memory; returns the target bytes. */
    public static byte[] apply(byte[] source, byte[] payload, int targetLength) throws IOException {
        MemoryTarget t = new MemoryTarget(targetLength);
        new DeltaDecoder(source == null ? SourceReader.EMPTY : MemoryTarget.source(source), t, CheckpointStore.NONE)
                .apply(new ByteArrayInputStream(payload));
        return t.bytes(targetLength);
    }

    /** zstd frame of {@code data}, with {@code ref} as a raw-content reference if not null. */
    public static byte[] zstd(byte[] data, byte[] ref) {
        try (ZstdCompressCtx c = new ZstdCompressCtx()) {
            c.setLevel(3);
            c.setContentSize(true);
            if (ref != null) {
                c.loadDict(ref, ZstdDictContentType.RAW_CONTENT);
            }
            return c.compress(data);
        }
    }

    /** Hand-built payloads: add operations, then {@link #build}. Hashes are computed from {@code target}. */
    public static final class Builder {
        final byte[] source;
        final byte[] target;
        final List<OperationHeader> ops = new ArrayList<>();
        final List<byte[]> data = new ArrayList<>();
        long position;
        public int maxReference = 1 << 20;
        public int sourceChunkLog = SourceDigest.DEFAULT_CHUNK_LOG;

        public Builder(byte[] source, byte[] target) {
            this.source = source;
            this.target = target;
        }

        public Builder op(OpKind kind, long length, List<Extent> extents, byte[] payloadData) {
            byte[] out = Arrays.copyOfRange(target, (int) position, (int) Math.min(target.length, position + length));
            ops.add(new OperationHeader(kind, ops.size(), position, length, extents, payloadData.length,
                    TestImages.sha256(out)));
            data.add(payloadData);
            position += length;
            return this;
        }

        /** An operation header as given (for malformed payloads). */
        public Builder raw(OperationHeader op, byte[] payloadData) {
            ops.add(op);
            data.add(payloadData);
            position = op.targetEnd();
            return this;
        }

        public PayloadHeader header() {
            boolean full = source == null;
            return new PayloadHeader(full ? PayloadKind.FULL_IMAGE : PayloadKind.DELTA, 4096,
                    full ? 0 : source.length, full ? new byte[32] : TestImages.sha256(source), target.length,
                    TestImages.sha256(target), ops.size(), maxReference, 24, full ? 0 : sourceChunkLog,
                    full ? new byte[32] : TestImages.sourceDigest(source, sourceChunkLog));
        }

        /**
         * The source chunk table (null for a full image): chunk digests computed by {@link TestImages}, the
         * chunks COPY/DIFF extents read marked.
         */
        public SourceChunkTable table() {
            if (source == null) {
                return null;
            }
            SourceChunkTable t = SourceChunkTable.of(source.length, sourceChunkLog,
                    TestImages.chunkSums(source, sourceChunkLog));
            for (OperationHeader op : ops) {
                if (op.kind().readsSource()) {
                    op.extents().forEach(t::markRead);
                }
            }
            return t;
        }

        public byte[] build() {
            return PayloadWriter.toBytes(header(), table(), ops, data);
        }
    }
}
