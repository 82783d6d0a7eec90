package io.hostapp.updater.repo.publish;

import com.github.luben.zstd.ZstdInputStream;
import io.hostapp.delta.encoder.DeltaEncoder;
import io.hostapp.delta.encoder.EncoderOptions;
import io.hostapp.delta.Compression;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns an image into a full payload for {@code hostapp-repo add}: the image's length and SHA-256 (what the
 * device reads its slot back as) and the file to publish. A raw image becomes a full-image payload in the
 * hostapp payload format (zstd level 19 data operations, resumable per operation); an image that already is a zstd frame
 * is published as it is, after decompressing it once to measure the image it produces.
 */
public final class ImagePayloads {
    /** The default zstd level: slow to publish, small to download, no slower to decompress on the device. */
    public static final int DEFAULT_LEVEL = 19;

    private ImagePayloads() {
    }

    /**
     * A payload ready to stage.
     *
     * @param payload       the file to publish (zstd)
     * @param temporary     true when {@code payload} was made here and should be deleted after staging
     * @param imageLength   length of the image the payload decompresses to
     * @param imageSha256   SHA-256 of that image, lowercase hex
     * @param payloadLength length of {@code payload}
     * @param compressedHere true when the input was a raw image
     */
    public record Prepared(Path payload, boolean temporary, long imageLength, String imageSha256, long payloadLength,
                           boolean compressedHere) {
    }

    /** Measures (and if raw, compresses into a temp file in {@code workDir}) {@code image}. */
    public static Prepared prepare(Path image, Path workDir, int level) throws UpdateException {
        if (!Files.isRegularFile(image) || !Files.isReadable(image)) {
            throw new UpdateException(ExitCode.INPUT, image + ": not a readable file");
        }
        try {
            if (Files.size(image) == 0) {
                throw new UpdateException(ExitCode.INPUT, image + ": the image is empty");
            }
            if (isZstd(image)) {
                MessageDigest sha = sha256();
                long n;
                try (InputStream in = new DigestInputStream(new ZstdInputStream(
                        new BufferedInputStream(Files.newInputStream(image), 1 << 16)), sha)) {
                    n = in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    throw new UpdateException(ExitCode.VERIFY, image + ": not a valid zstd stream: " + e.getMessage(), e);
                }
                return new Prepared(image, false, n, HexFormat.of().formatHex(sha.digest()), Files.size(image), false);
            }
            Files.createDirectories(workDir);
            Path out = Files.createTempFile(workDir, ".payload-", ".hapd");
            try {
                // a full image in the hostapp payload format (delta/FORMAT.md): data operations only, so the
                // device applies it with the same decoder as a delta, checkpointed and resumable per operation
                new DeltaEncoder(EncoderOptions.FULL_IMAGE.withLevel(level), line -> { }).fullImage(image, out);
                try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Measured m = measure(image);
                return new Prepared(out, true, m.length(), m.sha256(), Files.size(out), true);
            } catch (IOException | RuntimeException | Error e) {
                // an Error too: the encoder running out of heap must not leave its half-written payload behind
                Files.deleteIfExists(out);
                throw e;
            }
        } catch (IOException e) {
            throw new UpdateException(ExitCode.INPUT, image + ": cannot read or compress: " + e.getMessage(), e);
        }
    }

    /** Length and SHA-256 of an image file. */
    record Measured(long length, String sha256) {
    }

    static Measured measure(Path image) throws IOException {
        MessageDigest sha = sha256();
        long n;
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(image), 1 << 20), sha)) {
            n = in.transferTo(OutputStream.nullOutputStream());
        }
        return new Measured(n, HexFormat.of().formatHex(sha.digest()));
    }

    private static boolean isZstd(Path f) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(f)) {
            n = in.readNBytes(head, 0, 4);
        }
        return Compression.detect(head, n) == Compression.ZSTD;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
