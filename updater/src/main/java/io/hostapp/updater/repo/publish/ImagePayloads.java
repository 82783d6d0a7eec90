package io.hostapp.updater.repo.publish;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
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
 * device reads its slot back as) and a zstd-compressed file to publish. A raw image is compressed here
 * (zstd-jni, default level 19, with the frame checksum, on all cores); an image that already is a zstd frame
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
            Path out = Files.createTempFile(workDir, ".payload-", ".zst");
            try {
                MessageDigest sha = sha256();
                long n;
                try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(image), 1 << 20), sha);
                     ZstdOutputStream z = new ZstdOutputStream(Files.newOutputStream(out), level)) {
                    z.setChecksum(true);
                    z.setWorkers(Math.max(1, Runtime.getRuntime().availableProcessors()));
                    n = in.transferTo(z);
                }
                try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                return new Prepared(out, true, n, HexFormat.of().formatHex(sha.digest()), Files.size(out), true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(out);
                throw e;
            }
        } catch (IOException e) {
            throw new UpdateException(ExitCode.INPUT, image + ": cannot read or compress: " + e.getMessage(), e);
        }
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
