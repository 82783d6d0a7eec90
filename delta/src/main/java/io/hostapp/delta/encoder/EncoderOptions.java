package io.hostapp.delta.encoder;

/**
 * Encoder tuning. The defaults are what {@code hostapp-delta diff} uses; see {@code delta/README.md} for
 * how they were chosen on the Debian image pair.
 *
 * @param level        zstd level for patches (1..22)
 * @param threads      compression threads
 * @param anchorBits   one source anchor per 2^bits bytes on average
 * @param minMatch     shortest match the scanner takes
 * @param minCopy      shortest match or zero run that becomes its own COPY or ZERO operation
 * @param maxPatch     largest PATCH operation (target bytes)
 * @param maxCopy      largest COPY or ZERO operation (target bytes): the most a resume redoes
 * @param maxReference largest zstd reference (bytes); also bounds the decoder's reference memory
 * @param margin       bytes around a matched source fragment also put in the reference
 */
public record EncoderOptions(int level, int threads, int anchorBits, int minMatch, long minCopy, long maxPatch,
                             long maxCopy, int maxReference, long margin) {

    public static final EncoderOptions DEFAULT = new EncoderOptions(19, 2, 6, 64, 1 << 20, 16 << 20,
            64 << 20, 16 << 20, 256 << 10);

    /**
     * Full images: the same 16 MiB patches, against up to 16 MiB of earlier target (TARGET_DIFF), so the
     * decoder's zstd window stays at 2^25 while long-range repeats (about 4% of a Debian root file
     * system, what {@code zstd --long=27} gains over {@code --long=25}) are still found.
     */
    public static final EncoderOptions FULL_IMAGE = DEFAULT;

    public EncoderOptions {
        if (level < 1 || level > 22 || threads < 1 || anchorBits < 0 || anchorBits > 16 || minMatch < 64
                || maxPatch < 4096 || maxPatch > (64 << 20) || maxCopy < 4096 || maxReference < 0) {
            throw new IllegalArgumentException("bad encoder options");
        }
    }

    public EncoderOptions withThreads(int n) {
        return new EncoderOptions(level, n, anchorBits, minMatch, minCopy, maxPatch, maxCopy, maxReference, margin);
    }

    public EncoderOptions withLevel(int l) {
        return new EncoderOptions(l, threads, anchorBits, minMatch, minCopy, maxPatch, maxCopy, maxReference, margin);
    }

    public EncoderOptions withMaxPatch(long p) {
        return new EncoderOptions(level, threads, anchorBits, minMatch, minCopy, p, maxCopy, maxReference, margin);
    }
}
