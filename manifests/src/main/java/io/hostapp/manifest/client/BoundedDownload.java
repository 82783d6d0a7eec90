package io.hostapp.manifest.client;

import io.hostapp.manifest.DownloadException;
import io.hostapp.manifest.MetadataException.Check;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Enforces the allowed length on every download (the "endless data" attack): reading stops with a
 * {@link DownloadException} ({@link Check#SIZE_LIMIT}) as soon as one byte more than allowed arrives,
 * whatever the server announced.
 */
final class BoundedDownload {

    private BoundedDownload() {
    }

    /** Reads all of {@code in} (closing it), failing once more than {@code maxLength} bytes arrive. */
    static byte[] readAll(String role, InputStream in, long maxLength) throws DownloadException {
        try (InputStream bounded = bound(role, in, maxLength)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxLength, 64 * 1024));
            bounded.transferTo(out);
            return out.toByteArray();
        } catch (LimitExceeded e) {
            throw e.asDownloadException();
        } catch (IOException e) {
            throw new DownloadException(role, Check.DOWNLOAD, "read failed: " + e.getMessage(), e);
        }
    }

    /** Wraps {@code in} so that reading byte {@code maxLength + 1} throws {@link LimitExceeded}. */
    static InputStream bound(String role, InputStream in, long maxLength) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    check(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                // ask for at most one byte past the limit so an endless body is never buffered
                long room = maxLength - count;
                int ask = room >= len ? len : (int) Math.max(1, room + 1);
                int n = super.read(buf, off, ask);
                if (n > 0) {
                    check(n);
                }
                return n;
            }

            private void check(int n) throws LimitExceeded {
                count += n;
                if (count > maxLength) {
                    throw new LimitExceeded(role, maxLength);
                }
            }
        };
    }

    /** IOException carrier so the limit can surface through {@link InputStream} APIs. */
    static final class LimitExceeded extends IOException {
        private final String role;
        private final long maxLength;

        LimitExceeded(String role, long maxLength) {
            super("more than " + maxLength + " bytes");
            this.role = role;
            this.maxLength = maxLength;
        }

        DownloadException asDownloadException() {
            return new DownloadException(role, Check.SIZE_LIMIT, "server sent more than the " + maxLength
                    + " bytes allowed", this);
        }
    }
}
