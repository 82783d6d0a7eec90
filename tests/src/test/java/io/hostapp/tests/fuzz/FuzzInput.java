package io.hostapp.tests.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over one fuzz input with a framing simple enough to write seed files by hand (they live in
 * {@code src/test/resources/io/hostapp/tests/fuzz/<Test>Inputs/<method>/}): single control bytes, and
 * chunks of bytes each preceded by a one-byte length. Reading past the end yields zeros and empty
 * chunks, so every input is a valid framing.
 */
final class FuzzInput {
    private final byte[] data;
    private int pos;

    FuzzInput(byte[] data) {
        this.data = data;
    }

    /** The next byte (0..255), 0 at the end. */
    int u8() {
        return pos < data.length ? data[pos++] & 0xff : 0;
    }

    /** The next byte, as a choice among {@code n} options. */
    int choose(int n) {
        return u8() % n;
    }

    boolean bool() {
        return (u8() & 1) != 0;
    }

    /** A chunk: a length byte, then that many bytes (fewer at the end of the input). */
    byte[] chunk() {
        int len = u8();
        return take(len);
    }

    /** The next {@code len} bytes (fewer at the end of the input). */
    byte[] chunkOf(int len) {
        return take(len);
    }

    /** A chunk read as ISO-8859-1 text (one char per byte, every byte value reachable). */
    String text() {
        return new String(chunk(), StandardCharsets.ISO_8859_1);
    }

    /** The bytes up to (not including) the next {@code stop} byte, which is consumed; the rest if none. */
    byte[] until(byte stop) {
        int end = pos;
        while (end < data.length && data[end] != stop) {
            end++;
        }
        byte[] out = Arrays.copyOfRange(data, pos, end);
        pos = Math.min(data.length, end + 1);
        return out;
    }

    /** Everything not read yet. */
    byte[] rest() {
        return take(data.length - pos);
    }

    boolean atEnd() {
        return pos >= data.length;
    }

    private byte[] take(int len) {
        int n = Math.max(0, Math.min(len, data.length - pos));
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }
}
