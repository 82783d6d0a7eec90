package io.hostapp.delta.encoder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageBytesTest {
    @TempDir
    Path dir;

    @Test
    void matchLengthsForwardAndBackward() {
        byte[] a = "0123456789abcdefXYZ0123456789abcdefghij".getBytes();
        byte[] b = "____0123456789abcdefghij".getBytes();
        ImageBytes x = ImageBytes.of(a);
        ImageBytes y = ImageBytes.of(b);
        assertEquals(16, ImageBytes.matchForward(x, 0, y, 4, 100));
        assertEquals(20, ImageBytes.matchForward(x, 19, y, 4, 100));
        assertEquals(5, ImageBytes.matchForward(x, 19, y, 4, 5));
        assertEquals(16, ImageBytes.matchBackward(x, 35, y, 20, 100));
        assertEquals(3, ImageBytes.matchBackward(x, 35, y, 20, 3));
    }

    @Test
    void mapsFilesAndFindsZeros() throws IOException {
        byte[] b = new byte[3 * 4096 + 5];
        b[4096 + 7] = 1;
        Path f = Files.write(dir.resolve("img"), b);
        ImageBytes img = ImageBytes.map(f);
        assertEquals(b.length, img.length());
        assertTrue(img.isZero(0, 4096));
        assertFalse(img.isZero(4096, 4096));
        assertTrue(img.isZero(2 * 4096, 4096 + 5));
        byte[] copy = new byte[10];
        img.copy(4096 + 2, copy, 0, 10);
        assertEquals(1, copy[5]);
    }
}
