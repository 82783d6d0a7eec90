package io.hostapp.tests.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hostapp.delta.Checkpoint;
import io.hostapp.delta.CheckpointStore;
import io.hostapp.delta.DecoderLimits;
import io.hostapp.delta.DeltaDecoder;
import io.hostapp.delta.DeltaException;
import io.hostapp.delta.FullImagePayload;
import io.hostapp.delta.PayloadException;
import io.hostapp.delta.PayloadFormat;
import io.hostapp.delta.PayloadHeader;
import io.hostapp.delta.SourceChunkTable;
import io.hostapp.delta.SourceReader;
import io.hostapp.delta.TargetWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Update payloads as hostile bytes: the streaming decoder of the payload format ({@link DeltaDecoder},
 * delta/FORMAT.md: deltas and full images) and the raw/zstd full-image stream the install pipeline reads
 * today ({@link FullImagePayload}).
 *
 * <p>Input: one control byte, a 2-byte big-endian source length and that many source (active slot) bytes,
 * then the payload. Control bits: 0: the harness fixes the header's and every operation header's CRC-32C so
 * mutations get past them (and a delta's source chunk table's); 1-2: what the signed metadata expects (nothing; the header's own target; one byte
 * less; another SHA-256); 3-4: the target slot's capacity (the header's target length, 1 MiB, 4 KiB, half the
 * header's); 5: a checkpoint file (a 2-byte length and its bytes) precedes the source; 7: read the payload as a
 * {@link FullImagePayload} instead.
 *
 * <p>Only {@link PayloadException} (its subclass {@link DeltaException}) and IOException may escape. Checked on
 * every single write the decoder makes, through a recording {@link TargetWriter}: it lies inside the target
 * slot ({@code [0, capacity)}) and, when the signed metadata gave a length, below that length; and the source
 * is never read at or past its end. A full-image stream is read to its end but never past 1 MiB + 1 bytes
 * (what the install pipeline does with the signed length).
 */
class PayloadFuzzTest extends FuzzTarget {
    private static final int MAX_TARGET = 1 << 20;
    /** Small limits keep each execution cheap; the header must fit them or is refused (a typed error). */
    private static final DecoderLimits LIMITS = new DecoderLimits(256 << 10, 22, 4096);

    @FuzzTest(maxDuration = "20s")
    void payload(byte[] bytes) throws IOException {
        execution();
        FuzzInput in = new FuzzInput(bytes);
        int control = in.u8();
        byte[] checkpoint = (control & 0x20) != 0 ? in.chunkOf((in.u8() << 8) | in.u8()) : null;
        byte[] source = in.chunkOf((in.u8() << 8) | in.u8());
        byte[] payload = in.rest();
        if ((control & 0x80) != 0) {
            fullImage(payload);
            return;
        }
        if ((control & 1) != 0) {
            fixCrcs(payload);
        }
        long headerLength = payload.length >= PayloadFormat.HEADER_SIZE
                ? ByteBuffer.wrap(payload).getLong(56) : 0;
        byte[] headerSha = payload.length >= PayloadFormat.HEADER_SIZE
                ? Arrays.copyOfRange(payload, 64, 96) : new byte[32];
        long clamped = Math.max(0, Math.min(headerLength, MAX_TARGET));
        int capacity = switch ((control >> 3) & 3) {
            case 0 -> (int) clamped;
            case 1 -> MAX_TARGET;
            case 2 -> 4096;
            default -> (int) (clamped / 2);
        };
        long signedLength = -1;
        RecordingTarget target;
        DeltaDecoder decoder;
        switch ((control >> 1) & 3) {
            case 1 -> signedLength = headerLength;
            case 2 -> signedLength = headerLength - 1;
            case 3 -> {
                signedLength = headerLength;
                headerSha[0] ^= 1;
            }
            default -> {
            }
        }
        target = new RecordingTarget(capacity, signedLength);
        decoder = new DeltaDecoder(new CheckedSource(source), target, store(checkpoint)).limits(LIMITS);
        if (signedLength >= 0) {
            decoder.expectTarget(signedLength, headerSha);
        }
        try {
            long offset = decoder.resumeOffset();
            InputStream stream = new ByteArrayInputStream(payload);
            stream.skipNBytes(Math.min(offset, payload.length));
            decoder.apply(stream);
        } catch (PayloadException e) {
            // typed (DeltaException, SourceMismatchException, TargetMismatchException)
        }
    }

    /** The install pipeline's full-image path: read the image, never more than the signed length + 1. */
    private static void fullImage(byte[] payload) throws IOException {
        try (InputStream image = FullImagePayload.open(new ByteArrayInputStream(payload)).image()) {
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while (total <= MAX_TARGET && (n = image.read(buf, 0, buf.length)) >= 0) {
                total += n;
            }
        } catch (PayloadException e) {
            // typed
        }
    }

    /** A checkpoint store holding {@code file} as its checkpoint file, read as FileCheckpointStore reads it. */
    private static CheckpointStore store(byte[] file) {
        return new CheckpointStore() {
            private byte[] current = file;

            @Override
            public Optional<Checkpoint> load() {
                if (current == null) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Checkpoint.decode(current));
                } catch (DeltaException e) {
                    return Optional.empty(); // torn or corrupt: start over
                }
            }

            @Override
            public void save(Checkpoint checkpoint) {
                current = checkpoint.encode();
            }

            @Override
            public void clear() {
                current = null;
            }
        };
    }

    /**
     * Sets the CRC-32C of the header, of a delta's source chunk table (its size follows from the header's
     * kind, source length and chunk log) and of every operation header that is complete in the stream.
     */
    static void fixCrcs(byte[] p) {
        if (p.length < PayloadFormat.HEADER_SIZE) {
            return;
        }
        putCrc(p, 0, PayloadFormat.HEADER_SIZE - 4);
        long pos = PayloadFormat.HEADER_SIZE;
        try {
            long table = SourceChunkTable.size(PayloadHeader.parse(Arrays.copyOf(p, PayloadFormat.HEADER_SIZE)));
            if (table > 0 && pos + table <= p.length) {
                putCrc(p, (int) pos, (int) table - 4);
            }
            pos += table;
        } catch (DeltaException e) {
            return; // a header the decoder refuses: nothing behind it is read
        }
        while (pos + 4 <= p.length) {
            int at = (int) pos;
            int extents = ((p[at + 2] & 0xff) << 8) | (p[at + 3] & 0xff);
            int size = PayloadFormat.OP_HEADER_FIXED + PayloadFormat.EXTENT_SIZE * extents;
            if (pos + size > p.length) {
                return;
            }
            putCrc(p, at, size - 4);
            long dataLength = Integer.toUnsignedLong(ByteBuffer.wrap(p).getInt(at + 24 + 16 * extents));
            pos += size + dataLength;
        }
    }

    private static void putCrc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        ByteBuffer.wrap(b).putInt(off + len, (int) c.getValue());
    }

    /** A target slot in memory that checks the bounds of every write. */
    static final class RecordingTarget implements TargetWriter {
        private final byte[] bytes;
        private final long signedLength;

        RecordingTarget(int capacity, long signedLength) {
            this.bytes = new byte[capacity];
            this.signedLength = signedLength;
        }

        @Override
        public long capacity() {
            return bytes.length;
        }

        @Override
        public synchronized void write(ByteBuffer src, long position) {
            int n = src.remaining();
            Check.that(position >= 0 && position + n <= bytes.length,
                    "decoder wrote [" + position + ", " + (position + n) + ") outside the " + bytes.length + "-byte target");
            Check.that(signedLength < 0 || position + n <= signedLength,
                    "decoder wrote [" + position + ", " + (position + n) + ") past the signed length " + signedLength);
            src.get(bytes, (int) position, n);
        }

        @Override
        public synchronized int read(ByteBuffer dst, long position) {
            Check.that(position >= 0, "decoder read the target at " + position);
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            return n;
        }

        @Override
        public void sync() {
        }
    }

    /** The active slot: the decoder must never ask for a byte at or past its length. */
    static final class CheckedSource implements SourceReader {
        private final byte[] bytes;

        CheckedSource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            Check.that(position >= 0 && position < bytes.length,
                    "decoder read the source at " + position + ", its length is " + bytes.length);
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            return n;
        }
    }
}
