package io.hostapp.delta;

import com.github.luben.zstd.ZstdDictContentType;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Produces one operation's bytes into an {@link OperationOutput}. Memory is fixed: one I/O buffer, one
 * reference buffer (reused, never larger than {@link DecoderLimits#maxReference()}) and one zstd stream
 * whose window the frame's declared content size bounds.
 */
final class OperationApplier {
    private final SourceReader source;
    private final TargetWriter target;
    private final DecoderLimits limits;
    private final byte[] buf;
    private ByteBuffer reference;

    OperationApplier(SourceReader source, TargetWriter target, DecoderLimits limits) {
        this.source = source;
        this.target = target;
        this.limits = limits;
        this.buf = new byte[limits.bufferSize()];
    }

    void apply(OperationHeader op, InputStream data, OperationOutput out) throws IOException {
        switch (op.kind()) {
            case ZERO -> zeros(out);
            case COPY -> copy(op, out);
            case DATA -> decompress(op, data, null, out);
            case DIFF -> decompress(op, data, loadReference(op, source::read), out);
            case TARGET_DIFF -> decompress(op, data, loadReference(op, target::read), out);
            default -> throw new IllegalStateException("unhandled kind " + op.kind());
        }
        out.finish();
    }

    private void zeros(OperationOutput out) throws IOException {
        out.acceptZeros();
    }

    private void copy(OperationHeader op, OperationOutput out) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        for (Extent e : op.extents()) {
            long pos = e.offset();
            while (pos < e.end()) {
                bb.clear().limit((int) Math.min(buf.length, e.end() - pos));
                int n = source.read(bb, pos);
                if (n < 0) {
                    throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind())
                            + "source ended at " + pos + " inside extent " + e);
                }
                out.accept(buf, 0, n);
                pos += n;
            }
        }
    }

    private ByteBuffer loadReference(OperationHeader op, Digests.PositionalRead reader) throws IOException {
        int size = (int) op.extentBytes();
        if (reference == null || reference.capacity() < size) {
            reference = null; // let the old buffer go before allocating the larger one
            reference = ByteBuffer.allocateDirect(Math.min(limits.maxReference(), Math.max(size, 1 << 20)));
        }
        reference.clear();
        for (Extent e : op.extents()) {
            long pos = e.offset();
            while (pos < e.end()) {
                reference.limit(reference.position() + (int) (e.end() - pos));
                int n = reader.read(reference, pos);
                if (n < 0) {
                    throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind())
                            + "reference extent " + e + " ends early at " + pos);
                }
                pos += n;
            }
        }
        reference.flip();
        return reference;
    }

    private void decompress(OperationHeader op, InputStream data, ByteBuffer ref, OperationOutput out)
            throws IOException {
        ZstdDictDecompress dict = ref == null ? null
                : new ZstdDictDecompress(ref, true, ZstdDictContentType.RAW_CONTENT);
        try (ZstdInputStreamNoFinalizer z = new ZstdInputStreamNoFinalizer(data)) {
            z.setLongMax(limits.maxWindowLog());
            if (dict != null) {
                z.setDict(dict);
            }
            while (true) {
                int want = (int) Math.min(buf.length, out.remaining() + 1);
                int n = z.read(buf, 0, want);
                if (n < 0) {
                    break;
                }
                out.accept(buf, 0, n);
            }
        } catch (DeltaException | PayloadStreamException e) {
            throw e;
        } catch (EOFException e) {
            throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind())
                    + "zstd frame truncated", e);
        } catch (IOException e) {
            throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind())
                    + "corrupt zstd frame: " + e.getMessage(), e);
        } finally {
            if (dict != null) {
                dict.close();
            }
        }
        if (data.read() >= 0) {
            throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind())
                    + "data continues after the end of its zstd frame");
        }
    }
}
