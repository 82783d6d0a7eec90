package io.hostapp.delta.encoder;

/**
 * A run of target bytes classified by the {@link TargetScanner}: all zero, equal to source bytes at
 * {@code sourceOffset}, or new (literal).
 */
record Segment(Kind kind, long targetOffset, long length, long sourceOffset) {
    enum Kind { ZERO, MATCH, LITERAL }

    long targetEnd() {
        return targetOffset + length;
    }

    static Segment zero(long t, long len) {
        return new Segment(Kind.ZERO, t, len, -1);
    }

    static Segment match(long t, long len, long s) {
        return new Segment(Kind.MATCH, t, len, s);
    }

    static Segment literal(long t, long len) {
        return new Segment(Kind.LITERAL, t, len, -1);
    }
}
