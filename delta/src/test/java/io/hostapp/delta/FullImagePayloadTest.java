package io.hostapp.delta;

import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FullImagePayloadTest {
    static final byte[] IMAGE = TestImages.image(16, 51);

    static byte[] readAll(FullImagePayload.Decoded d) throws IOException {
        try (InputStream in = d.image()) {
            return in.readAllBytes();
        }
    }

    @Test
    void rawAndZstdImages() throws IOException {
        FullImagePayload.Decoded raw = FullImagePayload.open(new ByteArrayInputStream(IMAGE));
        assertEquals(Compression.NONE, raw.compression());
        assertArrayEquals(IMAGE, readAll(raw));
        FullImagePayload.Decoded z = FullImagePayload.open(new ByteArrayInputStream(Zstd.compress(IMAGE, 3)));
        assertEquals(Compression.ZSTD, z.compression());
        assertArrayEquals(IMAGE, readAll(z));
        assertArrayEquals(new byte[3], readAll(FullImagePayload.open(new ByteArrayInputStream(new byte[3]))));
    }

    @Test
    void truncatedZstdIsAPayloadException() {
        byte[] z = Zstd.compress(IMAGE, 3);
        PayloadException e = assertThrows(PayloadException.class, () ->
                readAll(FullImagePayload.open(new ByteArrayInputStream(Arrays.copyOf(z, z.length / 2)))));
        assertTrue(e.getMessage().startsWith("zstd stream corrupt or truncated at compressed offset "), e.getMessage());
    }

    @Test
    void hostappPayloadsAreNotImageStreams() {
        byte[] payload = new Payloads.Builder(null, new byte[4096]).op(OpKind.ZERO, 4096, java.util.List.of(),
                new byte[0]).build();
        PayloadException e = assertThrows(PayloadException.class, () ->
                FullImagePayload.open(new ByteArrayInputStream(payload)));
        assertTrue(e.getMessage().startsWith("hostapp payload"), e.getMessage());
    }
}
