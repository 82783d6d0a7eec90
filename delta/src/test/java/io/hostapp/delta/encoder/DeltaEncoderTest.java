package io.hostapp.delta.encoder;

import io.hostapp.delta.OpKind;
import io.hostapp.delta.PayloadInfo;
import io.hostapp.delta.PayloadKind;
import io.hostapp.delta.Payloads;
import io.hostapp.delta.SourceDigest;
import io.hostapp.delta.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeltaEncoderTest {
    @TempDir
    Path dir;

    @Test
    void movedBlocksCostNoData() throws IOException {
        byte[] src = new byte[4 << 20];
        new Random(1).nextBytes(src);
        byte[] tgt = new byte[src.length];
        int half = src.length / 2;
        System.arraycopy(src, half, tgt, 0, half); // the two halves swapped: every block moved
        System.arraycopy(src, 0, tgt, half, half);
        byte[] delta = Payloads.encode(src, tgt, dir, EncoderOptions.DEFAULT);
        PayloadInfo info = PayloadInfo.read(new ByteArrayInputStream(delta));
        assertEquals(Long.valueOf(src.length), info.targetBytesByKind().get(OpKind.COPY));
        assertTrue(delta.length < 1024, delta.length + " bytes");
        assertArrayEquals(tgt, Payloads.apply(src, delta, tgt.length));
    }

    @Test
    void changedRegionsAreDiffedAgainstTheirOldVersion() throws IOException {
        byte[] v1 = TestImages.image(384, 3);
        byte[] v2 = TestImages.nextVersion(v1, 4);
        byte[] delta = Payloads.encode(v1, v2, dir, EncoderOptions.DEFAULT);
        byte[] data = Payloads.encode(null, v2, dir, EncoderOptions.DEFAULT);
        assertTrue(delta.length * 3 < data.length, "delta " + delta.length + " vs full image " + data.length);
        assertArrayEquals(v2, Payloads.apply(v1, delta, v2.length));
    }

    @Test
    void fullImageRefersToEarlierTargetBytes() throws IOException {
        byte[] part = new byte[1 << 20];
        new Random(5).nextBytes(part);
        byte[] img = new byte[3 << 20];
        System.arraycopy(part, 0, img, 0, part.length);
        System.arraycopy(part, 0, img, 2 << 20, part.length); // a duplicate 2 MiB further on; zeros between
        byte[] full = Payloads.encode(null, img, dir, EncoderOptions.FULL_IMAGE);
        PayloadInfo info = PayloadInfo.read(new ByteArrayInputStream(full));
        assertEquals(PayloadKind.FULL_IMAGE, info.header().kind());
        assertTrue(info.countByKind().containsKey(OpKind.TARGET_DIFF), info.countByKind().toString());
        assertTrue(full.length < part.length + 4096, full.length + " bytes: the repeat costs almost nothing");
        assertArrayEquals(img, Payloads.apply(null, full, img.length));
    }

    @Test
    void headerNamesBothImages() throws IOException {
        byte[] v1 = TestImages.image(64, 7);
        byte[] v2 = TestImages.nextVersion(v1, 8);
        Path out = dir.resolve("d");
        Path a = Files.write(dir.resolve("a"), v1);
        Path b = Files.write(dir.resolve("b"), v2);
        EncodeStats s = new DeltaEncoder(Payloads.FAST, m -> { }).diff(a, b, out);
        PayloadInfo info = PayloadInfo.read(Files.newInputStream(out));
        assertEquals(TestImages.hex(TestImages.sha256(v1)), info.header().sourceHex());
        assertEquals(SourceDigest.DEFAULT_CHUNK_LOG, info.header().sourceChunkLog());
        assertEquals(TestImages.hex(TestImages.sourceDigest(v1, SourceDigest.DEFAULT_CHUNK_LOG)),
                info.header().sourceDigestHex());
        assertEquals(TestImages.hex(TestImages.sha256(v2)), info.header().targetHex());
        assertEquals(Files.size(out), s.payloadBytes());
        assertEquals(s.operations(), info.header().operationCount());
    }

    @Test
    void sourceChunkSumsOfAnImageOfSeveralChunks() throws IOException {
        byte[] img = new byte[(2 << SourceDigest.DEFAULT_CHUNK_LOG) + 12345];
        new Random(9).nextBytes(img);
        byte[] want = TestImages.chunkSums(img, SourceDigest.DEFAULT_CHUNK_LOG);
        for (int threads : new int[] {1, 4}) {
            assertArrayEquals(want, DeltaEncoder.sourceChunkSums(ImageBytes.of(img), threads), threads + " threads");
        }
    }
}
