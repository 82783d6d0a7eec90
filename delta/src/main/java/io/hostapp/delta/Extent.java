package io.hostapp.delta;

/** A byte range {@code [offset, offset + length)} of the source or target image. */
public record Extent(long offset, long length) {
    public Extent {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative extent " + offset + "+" + length);
        }
    }

    /** The first byte after the extent. */
    public long end() {
        return offset + length;
    }

    @Override
    public String toString() {
        return "[" + offset + "+" + length + "]";
    }
}
