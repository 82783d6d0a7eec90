package io.hostapp.delta;

import com.github.luben.zstd.ZstdInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Decodes a full-image payload, raw or zstd-compressed, into the image bytes, as a stream: nothing is
 * buffered beyond the decompressor's window, so memory does not grow with the image. Errors inside the
 * compressed stream surface as {@link PayloadException} naming the compressed offset reached.
 */
public final class FullImagePayload {

    private FullImagePayload() {
    }

    /** The decoded image stream plus the compression that was detected. */
    public record Decoded(InputStream image, Compression compression) {
    }

    /**
     * Wraps {@code payload}; the caller closes the returned stream (which closes {@code payload}). A
     * payload in the hostapp format ({@code delta/FORMAT.md}, magic {@code HAPD}) is refused with a
     * {@link PayloadException}: it is not an image stream and must go through {@link DeltaDecoder}.
     */
    public static Decoded open(InputStream payload) throws IOException {
        PushbackInputStream in = new PushbackInputStream(payload, PayloadFormat.MAGIC.length);
        byte[] head = new byte[PayloadFormat.MAGIC.length];
        int n = in.readNBytes(head, 0, head.length);
        if (n > 0) {
            in.unread(head, 0, n);
        }
        if (PayloadFormat.isPayload(head, n)) {
            throw new PayloadException("hostapp payload (delta/FORMAT.md): apply it with DeltaDecoder, not as an"
                    + " image stream");
        }
        Compression c = Compression.detect(head, n);
        if (c == Compression.NONE) {
            return new Decoded(in, c);
        }
        CountingInputStream counted = new CountingInputStream(in);
        ZstdInputStream z = new ZstdInputStream(counted);
        return new Decoded(new ZstdErrors(z, counted), c);
    }

    /**
     * Counts compressed bytes so errors can say where the stream broke, and remembers a failure of the source
     * itself (a network error) so it is rethrown as it was, not mistaken for corrupt compressed data.
     */
    private static final class CountingInputStream extends FilterInputStream {
        long count;
        IOException sourceFailure;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                sourceFailure = e;
                throw e;
            }
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Turns zstd-jni's errors (plain IOException, or a truncated frame seen as EOF) into PayloadException. */
    private static final class ZstdErrors extends FilterInputStream {
        private final CountingInputStream counted;

        ZstdErrors(ZstdInputStream z, CountingInputStream counted) {
            super(z);
            this.counted = counted;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (PayloadException e) {
                throw e;
            } catch (IOException e) {
                if (counted.sourceFailure != null) {
                    throw counted.sourceFailure;
                }
                throw new PayloadException("zstd stream corrupt or truncated at compressed offset "
                        + counted.count + ": " + e.getMessage(), e);
            }
        }
    }
}
