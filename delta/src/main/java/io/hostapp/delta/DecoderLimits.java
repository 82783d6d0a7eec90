package io.hostapp.delta;

/**
 * What a decoder is willing to hold in memory. A payload whose header asks for more is refused before
 * anything is written, so peak memory is known up front: about {@code maxReference} (one reference,
 * direct memory) + {@code 2^maxWindowLog} (one zstd window, native memory; never more than one
 * operation's output) + {@code 2 * bufferSize} (I/O buffers), whatever the image size. Before any of
 * that, the source check holds one {@code bufferSize} buffer per hashing thread (at most four).
 *
 * @param maxReference largest DIFF/TARGET_DIFF reference accepted, in bytes
 * @param maxWindowLog largest zstd window log accepted (zstd's own default limit is 27)
 * @param bufferSize   size of the copy and write buffers
 */
public record DecoderLimits(int maxReference, int maxWindowLog, int bufferSize) {
    /** 32 MiB reference, 32 MiB window, 1 MiB buffers: fits a 128 MiB JVM with room to spare. */
    public static final DecoderLimits DEFAULT = new DecoderLimits(32 << 20, 25, 1 << 20);

    public DecoderLimits {
        if (maxReference < 0 || maxWindowLog < 10 || maxWindowLog > 31 || bufferSize < 4096) {
            throw new IllegalArgumentException("bad decoder limits");
        }
    }
}
