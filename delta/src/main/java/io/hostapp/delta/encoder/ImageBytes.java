package io.hostapp.delta.encoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to a whole image for the encoder: the file is memory-mapped in 1 GiB segments (so images
 * of any size work and the heap stays small; the page cache holds the bytes). Each segment maps 8 bytes
 * beyond its end so that {@link #getLong} never straddles two mappings.
 */
public final class ImageBytes {
    private static final int SHIFT = 30;
    private static final long SEGMENT = 1L << SHIFT;
    private static final long MASK = SEGMENT - 1;

    private final ByteBuffer[] segments;
    private final long length;

    private ImageBytes(ByteBuffer[] segments, long length) {
        this.segments = segments;
        this.length = length;
    }

    /** Maps {@code file} read-only. */
    public static ImageBytes map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long len = ch.size();
            int n = (int) Math.max(1, (len + SEGMENT - 1) >>> SHIFT);
            ByteBuffer[] segs = new ByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long start = (long) i << SHIFT;
                long size = Math.min(len - start, SEGMENT + 8);
                segs[i] = size <= 0 ? ByteBuffer.allocate(0) : ch.map(FileChannel.MapMode.READ_ONLY, start, size);
            }
            return new ImageBytes(segs, len);
        }
    }

    /** Wraps bytes in memory (tests, small images). */
    public static ImageBytes of(byte[] bytes) {
        return new ImageBytes(new ByteBuffer[] {ByteBuffer.wrap(bytes)}, bytes.length);
    }

    /** An image with no bytes (the source of a full-image payload). */
    public static ImageBytes empty() {
        return of(new byte[0]);
    }

    public long length() {
        return length;
    }

    public byte get(long pos) {
        return segments[(int) (pos >>> SHIFT)].get((int) (pos & MASK));
    }

    /** Eight bytes at {@code pos}, big-endian; {@code pos + 8 <= length()}. */
    public long getLong(long pos) {
        return segments[(int) (pos >>> SHIFT)].getLong((int) (pos & MASK));
    }

    /** Copies {@code len} bytes at {@code pos} into {@code dst}. */
    public void copy(long pos, byte[] dst, int off, int len) {
        while (len > 0) {
            ByteBuffer seg = segments[(int) (pos >>> SHIFT)];
            int in = (int) (pos & MASK);
            int n = (int) Math.min(len, SEGMENT - in);
            seg.get(in, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Whether {@code [pos, pos + len)} is all zero. */
    public boolean isZero(long pos, int len) {
        long end = pos + len;
        for (; pos + 8 <= end; pos += 8) {
            if (getLong(pos) != 0) {
                return false;
            }
        }
        for (; pos < end; pos++) {
            if (get(pos) != 0) {
                return false;
            }
        }
        return true;
    }

    /** How many bytes are equal going forward from {@code a[ap]} and {@code b[bp]}, at most {@code max}. */
    public static long matchForward(ImageBytes a, long ap, ImageBytes b, long bp, long max) {
        max = Math.min(max, Math.min(a.length - ap, b.length - bp));
        long n = 0;
        while (n + 8 <= max) {
            long x = a.getLong(ap + n) ^ b.getLong(bp + n);
            if (x != 0) {
                return n + (Long.numberOfLeadingZeros(x) >>> 3);
            }
            n += 8;
        }
        while (n < max && a.get(ap + n) == b.get(bp + n)) {
            n++;
        }
        return n;
    }

    /** How many bytes are equal going backward from {@code a[ap - 1]} and {@code b[bp - 1]}, at most {@code max}. */
    public static long matchBackward(ImageBytes a, long ap, ImageBytes b, long bp, long max) {
        max = Math.min(max, Math.min(ap, bp));
        long n = 0;
        while (n + 8 <= max) {
            long x = a.getLong(ap - n - 8) ^ b.getLong(bp - n - 8);
            if (x != 0) {
                return n + (Long.numberOfTrailingZeros(x) >>> 3);
            }
            n += 8;
        }
        while (n < max && a.get(ap - n - 1) == b.get(bp - n - 1)) {
            n++;
        }
        return n;
    }
}
