package io.hostapp.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 helpers. */
final class Digests {
    private Digests() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A positional reader: {@link SourceReader#read} and {@link TargetWriter#read} both fit. */
    interface PositionalRead {
        int read(ByteBuffer dst, long position) throws IOException;
    }

    /**
     * Feeds bytes {@code [from, to)} read through {@code reader} into {@code digest}; throws EOFException
     * if the reader ends early.
     */
    static void hashRange(PositionalRead reader, long from, long to, MessageDigest digest, byte[] buf)
            throws IOException {
        long pos = from;
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (pos < to) {
            bb.clear().limit((int) Math.min(buf.length, to - pos));
            int n = reader.read(bb, pos);
            if (n < 0) {
                throw new java.io.EOFException("ends at " + pos + ", expected " + to + " bytes");
            }
            digest.update(buf, 0, n);
            pos += n;
        }
    }
}
