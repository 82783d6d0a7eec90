package io.hostapp.manifest.client;

import io.hostapp.manifest.DownloadException;
import io.hostapp.manifest.LengthOrHashMismatchException;
import io.hostapp.manifest.MetadataException;
import io.hostapp.manifest.metadata.TargetFile;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * A target's bytes as they stream in, hashed on the way through (no second pass). Yields at most the
 * signed length (one more byte fails with {@link io.hostapp.manifest.MetadataException.Check#SIZE_LIMIT});
 * at end of stream, length and all hashes are checked and a mismatch is thrown from {@code read}.
 * Until {@code read} has returned -1 without throwing, the bytes are UNVERIFIED: write them to an
 * inactive slot or a temp file only.
 */
public final class VerifyingInputStream extends FilterInputStream {

    private final TargetHashes hashes;
    private boolean verified;

    VerifyingInputStream(TargetFile target, InputStream raw) {
        super(BoundedDownload.bound(target.path(), raw, target.length()));
        this.hashes = new TargetHashes(target.path(), OptionalLong.of(target.length()), target.hashes());
    }

    /** True once the whole target was read and matched its signed length and hashes. */
    public boolean isVerified() {
        return verified;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (BoundedDownload.LimitExceeded e) {
            throw new VerificationFailure(e.asDownloadException());
        }
        if (n > 0) {
            hashes.update(b, off, n);
        } else if (n < 0 && !verified) {
            try {
                hashes.verify();
            } catch (LengthOrHashMismatchException e) {
                throw new VerificationFailure(e);
            }
            verified = true;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip would bypass hashing");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The stream's data did not match signed metadata; {@link #failure()} is the typed reason. */
    public static final class VerificationFailure extends IOException {
        private final MetadataException failure;

        VerificationFailure(MetadataException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        /** A {@link LengthOrHashMismatchException} or a size-limit {@link DownloadException}. */
        public MetadataException failure() {
            return failure;
        }
    }
}
