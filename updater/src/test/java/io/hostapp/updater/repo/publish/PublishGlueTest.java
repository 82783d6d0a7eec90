package io.hostapp.updater.repo.publish;

import com.github.luben.zstd.Zstd;
import io.hostapp.manifest.keys.SignatureScheme;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.SimFixture;
import io.hostapp.updater.UpdateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publisher CLI's glue: image payloads, expiry overrides, the keys directory. */
class PublishGlueTest {
    @TempDir
    Path tmp;

    @Test
    void rawImageBecomesAFullPayloadAndIsMeasured() throws Exception {
        byte[] img = new byte[700_000];
        new Random(3).nextBytes(img);
        java.util.Arrays.fill(img, 0, 400_000, (byte) 0);
        Path f = Files.write(tmp.resolve("v2.img"), img);
        ImagePayloads.Prepared p = ImagePayloads.prepare(f, tmp.resolve("work"), 3);
        assertTrue(p.compressedHere() && p.temporary());
        assertEquals(img.length, p.imageLength());
        assertEquals(SimFixture.sha256(img), p.imageSha256());
        byte[] z = Files.readAllBytes(p.payload());
        assertEquals(z.length, p.payloadLength());
        assertTrue(z.length < img.length);
        // a full-image payload in the hostapp format: the device's decoder turns it back into the image
        byte[] out = new byte[img.length];
        io.hostapp.delta.DeltaDecoder d = new io.hostapp.delta.DeltaDecoder(io.hostapp.delta.SourceReader.EMPTY,
                new io.hostapp.delta.TargetWriter() {
                    @Override
                    public long capacity() {
                        return out.length;
                    }

                    @Override
                    public void write(java.nio.ByteBuffer src, long position) {
                        src.get(out, (int) position, src.remaining());
                    }

                    @Override
                    public int read(java.nio.ByteBuffer dst, long position) {
                        int n = (int) Math.min(dst.remaining(), out.length - position);
                        dst.put(out, (int) position, n);
                        return n;
                    }

                    @Override
                    public void sync() {
                    }
                }, io.hostapp.delta.CheckpointStore.NONE);
        d.apply(new java.io.ByteArrayInputStream(z));
        assertArrayEquals(img, out);
    }

    @Test
    void zstdImageIsUsedAsIsAndMeasuredDecompressed() throws Exception {
        byte[] img = "HEALTHY ".repeat(10_000).getBytes();
        Path f = Files.write(tmp.resolve("v2.img.zst"), Zstd.compress(img, 5));
        ImagePayloads.Prepared p = ImagePayloads.prepare(f, tmp.resolve("work"), 19);
        assertFalse(p.compressedHere() || p.temporary());
        assertEquals(f, p.payload());
        assertEquals(img.length, p.imageLength());
        assertEquals(SimFixture.sha256(img), p.imageSha256());
    }

    @Test
    void badImagesAreOneLineErrors() throws Exception {
        UpdateException e = assertThrows(UpdateException.class,
                () -> ImagePayloads.prepare(tmp.resolve("none.img"), tmp, 19));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().endsWith("none.img: not a readable file"), e.getMessage());
        Path empty = Files.write(tmp.resolve("empty.img"), new byte[0]);
        assertEquals(ExitCode.INPUT, assertThrows(UpdateException.class, () -> ImagePayloads.prepare(empty, tmp, 19)).exitCode());
        byte[] z = Zstd.compress(new byte[100_000], 3);
        z[z.length / 2] ^= 0x55;
        z[z.length - 2] ^= 0x55;
        Path corrupt = Files.write(tmp.resolve("corrupt.img.zst"), z);
        e = assertThrows(UpdateException.class, () -> ImagePayloads.prepare(corrupt, tmp, 19));
        assertEquals(ExitCode.VERIFY, e.exitCode());
        assertTrue(e.getMessage().contains("corrupt.img.zst: not a valid zstd stream"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void expiryOverrides() throws Exception {
        ExpiryPolicy p = Expiries.parse(List.of("timestamp=6h", "root=2w", "snapshot=90m", "targets=30d"));
        assertEquals(Duration.ofHours(6), p.timestamp());
        assertEquals(Duration.ofDays(14), p.root());
        assertEquals(Duration.ofMinutes(90), p.snapshot());
        assertEquals(Duration.ofDays(30), p.targets());
        assertEquals(ExpiryPolicy.defaults(), Expiries.parse(List.of()));
        for (String bad : List.of("timestamp", "bogus=1d", "timestamp=0h", "timestamp=1y", "timestamp=-1d")) {
            UpdateException e = assertThrows(UpdateException.class, () -> Expiries.parse(List.of(bad)), bad);
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith("--expires " + bad + ": "), e.getMessage());
        }
    }

    @Test
    void keysDirectoryIsOutsideTheTreeAndPrivate() throws Exception {
        Path repo = tmp.resolve("fleet/repo");
        assertEquals(tmp.resolve("fleet/keys").toAbsolutePath(), PublisherKeys.defaultDir(repo));
        UpdateException e = assertThrows(UpdateException.class, () -> new PublisherKeys(repo.resolve("keys")).requireOutside(repo));
        assertEquals(ExitCode.USAGE, e.exitCode());
        PublisherKeys keys = new PublisherKeys(PublisherKeys.defaultDir(repo));
        keys.requireOutside(repo);
        SigningKey k = keys.generate("targets", SignatureScheme.ED25519);
        Path f = keys.fileFor("targets", k);
        assertEquals("targets-" + k.keyId().substring(0, 8) + ".pem", f.getFileName().toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(k.keyId(), keys.load().get(0).key().keyId());
        Files.writeString(keys.dir().resolve("junk.pem"), "not a key");
        e = assertThrows(UpdateException.class, keys::load);
        assertEquals(ExitCode.KEYS, e.exitCode());
        assertTrue(e.getMessage().contains("junk.pem: cannot read the private key"), e.getMessage());
        assertEquals(SignatureScheme.ECDSA_P256, PublisherKeys.scheme("ecdsa-sha2-nistp256"));
        assertEquals(ExitCode.USAGE, assertThrows(UpdateException.class, () -> PublisherKeys.scheme("dsa")).exitCode());
    }
}
