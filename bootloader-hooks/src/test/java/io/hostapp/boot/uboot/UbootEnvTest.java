package io.hostapp.boot.uboot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostapp.boot.BootException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UbootEnvTest {

    private static final byte[] DATA = "bootcount=0\0slot=a\0\0".getBytes(StandardCharsets.ISO_8859_1);

    /** Hand-built copy: CRC (given LE bytes), optional flags, data, then padding. */
    private static byte[] copy(int size, int crcLe, Integer flags, byte[] data, int pad) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) pad);
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (crcLe >>> (8 * i));
        }
        int at = 4;
        if (flags != null) {
            b[at++] = (byte) (int) flags;
        }
        System.arraycopy(data, 0, b, at, data.length);
        return b;
    }

    /** Same, with the CRC computed over everything after the header (used when the layout, not the CRC, is tested). */
    private static byte[] withCrc(byte[] b, boolean redundant) {
        long crc = UbootEnv.crc(b, redundant ? 5 : 4, b.length);
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (crc >>> (8 * i));
        }
        return b;
    }

    @Test
    void singleCopyLayoutMatchesHandBuiltBytes() throws Exception {
        // CRC value computed independently with python zlib.crc32 over bytes [4, 32)
        byte[] expected = copy(32, 0xe36207b8, null, DATA, 0x00);
        assertEquals((byte) 0xb8, expected[0], "CRC is little-endian");
        byte[] actual = new UbootEnv(32, false).encode(Map.of("slot", "a", "bootcount", "0"), 0);
        assertArrayEquals(expected, actual);
        assertEquals(Map.of("bootcount", "0", "slot", "a"), new UbootEnv(32, false).decode(expected).vars());
    }

    @Test
    void redundantCopyLayoutMatchesHandBuiltBytes() throws Exception {
        // python: zlib.crc32 over bytes [5, 32), flags byte 7 at +4 is not covered
        byte[] expected = copy(32, 0x0e66daae, 7, DATA, 0x00);
        UbootEnv codec = new UbootEnv(32, true);
        assertArrayEquals(expected, codec.encode(Map.of("slot", "a", "bootcount", "0"), 7));
        UbootEnv.Decoded d = codec.decode(expected);
        assertTrue(d.valid());
        assertEquals(7, d.flags());
        assertEquals(Map.of("bootcount", "0", "slot", "a"), d.vars());
        expected[4] = 8; // the flags byte is outside the CRC
        assertTrue(codec.decode(expected).valid());
    }

    @Test
    void decodeToleratesAnyPadding() {
        byte[] garbage = "\0\0stale=old\0junk\u00ff\u0012".getBytes(StandardCharsets.ISO_8859_1);
        for (boolean redundant : new boolean[] {false, true}) {
            UbootEnv codec = new UbootEnv(64, redundant);
            Integer flags = redundant ? 3 : null;
            for (int pad : new int[] {0x00, 0xff, 0x5a}) {
                byte[] b = withCrc(copy(64, 0, flags, DATA, pad), redundant);
                assertEquals(Map.of("bootcount", "0", "slot", "a"), codec.decode(b).vars(), "pad " + pad);
            }
            byte[] data = new byte[DATA.length - 2 + garbage.length];
            System.arraycopy(DATA, 0, data, 0, DATA.length - 2);
            System.arraycopy(garbage, 0, data, DATA.length - 2, garbage.length);
            byte[] b = withCrc(copy(64, 0, flags, data, 0xff), redundant);
            UbootEnv.Decoded d = codec.decode(b);
            assertTrue(d.valid());
            assertEquals(Map.of("bootcount", "0", "slot", "a"), d.vars(), "stops at the double NUL");
        }
    }

    @Test
    void decodeDoesNotNeedSortedOrderAndFollowsFwPrintenvQuirks() {
        byte[] data = "zeta=1\0noequals\0alpha=\0dup=1\0=x\0dup=2\0\0".getBytes(StandardCharsets.ISO_8859_1);
        UbootEnv.Decoded d = new UbootEnv(64, false).decode(withCrc(copy(64, 0, null, data, 0), false));
        assertTrue(d.valid());
        assertEquals(List.of("zeta", "alpha", "dup"), List.copyOf(d.vars().keySet()));
        assertEquals("2", d.vars().get("dup"), "later duplicate wins");
        assertEquals("", d.vars().get("alpha"));
    }

    @Test
    void emptyEnv() throws Exception {
        UbootEnv codec = new UbootEnv(16, true);
        byte[] b = codec.encode(Map.of(), 0);
        assertEquals(0, b[5]);
        assertEquals(0, b[6]);
        UbootEnv.Decoded d = codec.decode(b);
        assertTrue(d.valid());
        assertTrue(d.vars().isEmpty());
    }

    @Test
    void badCrcAndMissingTerminatorAreInvalid() throws Exception {
        UbootEnv codec = new UbootEnv(32, true);
        byte[] b = codec.encode(Map.of("slot", "a"), 1);
        b[10] ^= 1;
        UbootEnv.Decoded d = codec.decode(b);
        assertFalse(d.valid());
        assertEquals("CRC mismatch", d.problem());
        assertEquals(1, d.flags(), "flags are reported even for a bad copy");
        assertTrue(d.vars().isEmpty());

        byte[] full = new byte[32];
        Arrays.fill(full, (byte) 'x');
        full[31] = 0; // one string that ends at the last byte, no empty string after it
        UbootEnv.Decoded u = codec.decode(withCrc(full, true));
        assertFalse(u.valid());
        assertTrue(u.problem().startsWith("no end of data"), u.problem());

        byte[] blank = new byte[32];
        Arrays.fill(blank, (byte) 0xff);
        assertFalse(codec.decode(blank).valid());
    }

    @Test
    void encodeSortsByNameAndPadsWithZero() throws Exception {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("b", "2");
        vars.put("B", "upper");
        vars.put("a", "1");
        byte[] b = new UbootEnv(40, false).encode(vars, 0);
        String data = new String(b, 4, 36, StandardCharsets.ISO_8859_1);
        assertTrue(data.startsWith("B=upper\0a=1\0b=2\0\0"), "byte order, like strcmp");
        for (int i = 4 + "B=upper\0a=1\0b=2\0\0".length(); i < 40; i++) {
            assertEquals(0, b[i], "pad at " + i);
        }
    }

    @Test
    void valuesWithSpacesEqualsAndHighBytesRoundTrip() throws Exception {
        Map<String, String> vars = new TreeMap<>(Map.of(
                "bootargs", "console=ttyS0,115200 root=PARTLABEL=root-a rw",
                "utf8", new String("caf\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                "latin1", "\u00e9\u00ff",
                "empty", ""));
        UbootEnv codec = new UbootEnv(256, true);
        byte[] b = codec.encode(vars, 0);
        assertEquals(vars, new TreeMap<>(codec.decode(b).vars()));
        assertTrue(new String(b, StandardCharsets.ISO_8859_1).contains("utf8=caf\u00c3\u00a9\0"),
                "stored as the very bytes given (UTF-8 passes through untouched)");
    }

    @Test
    void tooBigIsRejectedWithSizes() throws Exception {
        UbootEnv codec = new UbootEnv(32, true);
        // header 5 + "k=" + 23 chars + NUL (26) + final NUL = 32: fits exactly; one more char does not
        codec.encode(Map.of("k", "x".repeat(23)), 0);
        BootException e = assertThrows(BootException.class, () -> codec.encode(Map.of("k", "x".repeat(24)), 0));
        assertEquals("uboot env: variables need 33 bytes but envsize is 32 (0x20, 5-byte header included)", e.getMessage());
    }

    @Test
    void badNamesAndValuesAreRejected() {
        UbootEnv codec = new UbootEnv(64, false);
        assertEquals("uboot env: variable name 'a=b' contains '='",
                assertThrows(BootException.class, () -> codec.encode(Map.of("a=b", "1"), 0)).getMessage());
        assertEquals("uboot env: empty variable name",
                assertThrows(BootException.class, () -> codec.encode(Map.of("", "1"), 0)).getMessage());
        assertEquals("uboot env: variable name 'a\\0b' contains a NUL byte",
                assertThrows(BootException.class, () -> codec.encode(Map.of("a\0b", "1"), 0)).getMessage());
        assertEquals("uboot env: value of 'a' contains a NUL byte",
                assertThrows(BootException.class, () -> codec.encode(Map.of("a", "x\0y"), 0)).getMessage());
        assertTrue(assertThrows(BootException.class, () -> codec.encode(Map.of("a", "\u20ac"), 0))
                .getMessage().contains("U+20AC"));
        Map<String, String> nullValue = new TreeMap<>();
        nullValue.put("a", null);
        assertThrows(BootException.class, () -> codec.encode(nullValue, 0));
        assertThrows(IllegalArgumentException.class, () -> new UbootEnv(64, true).encode(Map.of(), 256));
        assertThrows(IllegalArgumentException.class, () -> new UbootEnv(6, true));
    }
}
