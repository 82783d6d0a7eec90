package io.hostapp.delta;

import com.github.luben.zstd.ZstdDictContentType;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Produces one operation's bytes into an {@link OperationOutput}. Memory is fixed: the output's pooled
 * buffers, one reference buffer (reused, never larger than {@link DecoderLimits#maxReference()}) and one zstd stream
 * whose window the frame's declared content size bounds.
 */
final class OperationApplier {
    private final SourceReader source;
    private final TargetWriter target;
    private final DecoderLimits limits;
    private ByteBuffer reference;

    OperationApplier(SourceReader source, TargetWriter target, DecoderLimits limits) {
        this.source = source;
        this.target = target;
        this.limits = limits;
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
        for (Extent e : op.extents()) {
            long pos = e.offset();
            while (pos < e.end()) {
                byte[] buf = out.buffer();
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, e.end() - pos));
                while (bb.hasRemaining()) {
                    int n = source.read(bb, pos + bb.position());
                    if (n < 0) {
                        out.release(buf);
                        throw new DeltaException(op.index(), DeltaException.at(op.index(), op.kind())
                                + "source ended at " + (pos + bb.position()) + " inside extent " + e);
                    }
                }
                out.accept(buf, bb.position());
                pos += bb.position();
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
            boolean end = false;
            while (!end) {
                byte[] buf = out.buffer();
                // fill the whole buffer (or one byte past the operation's end, which accept refuses)
                int want = (int) Math.min(buf.length, out.remaining() + 1);
                int got = 0;
                while (got < want) {
                    int n = z.read(buf, got, want - got);
                    if (n < 0) {
                        end = true;
                        break;
                    }
                    got += n;
                }
                if (got > 0) {
                    out.accept(buf, got);
                } else {
                    out.release(buf);
                }
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
