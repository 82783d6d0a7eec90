package io.hostapp.delta;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * SHA-256 of runs of zeros, cheaply. A ZERO operation's output hash is still checked, but hashing hundreds
 * of MiB of free space on every apply is waste: the digest states after 1, 2, 3 ... MiB of zeros are
 * computed once per process (SHA-256 digests are cloneable), so a run of {@code n} zeros costs at most
 * one MiB of hashing once the states exist, and building them costs as much as the longest run (ZERO
 * operations are at most the encoder's {@code maxCopy}, 64 MiB).
 */
final class ZeroDigests {
    private static final int STEP = 1 << 20;
    private static final byte[] ZEROS = new byte[STEP];
    private static final List<MessageDigest> STATES = new ArrayList<>(); // STATES.get(i): after (i + 1) MiB

    private ZeroDigests() {
    }

    /**
     * Computes the states up to {@code n} zero bytes now, so later calls up to that length are cheap (see
     * {@link DeltaDecoder#warmUp}).
     */
    static void prepare(long n) {
        if (n >= STEP) {
            stateAfter(n / STEP);
        }
    }

    /** SHA-256 of {@code n} zero bytes. */
    static byte[] of(long n) {
        MessageDigest d = n >= STEP ? stateAfter(n / STEP) : Digests.sha256();
        d.update(ZEROS, 0, (int) (n % STEP));
        return d.digest();
    }

    private static synchronized MessageDigest stateAfter(long mib) {
        while (STATES.size() < mib) {
            MessageDigest d = STATES.isEmpty() ? Digests.sha256() : copy(STATES.get(STATES.size() - 1));
            d.update(ZEROS);
            STATES.add(d);
        }
        return copy(STATES.get((int) mib - 1));
    }

    private static MessageDigest copy(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable in every JDK", e);
        }
    }
}
