package io.hostapp.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 helpers (the encoder package uses {@link #sha256} too). */
public final class Digests {
    private Digests() {
    }

    /** A new SHA-256 digest. */
    public static MessageDigest sha256() {
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
}
