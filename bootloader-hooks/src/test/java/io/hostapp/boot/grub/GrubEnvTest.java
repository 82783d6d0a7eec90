package io.hostapp.boot.grub;

import io.hostapp.boot.BootException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrubEnvTest {
    @TempDir
    Path dir;

    @Test
    void emptyBlockIsHeaderAndHashPadding() {
        byte[] b = GrubEnv.empty();
        assertEquals(1024, b.length);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        assertTrue(s.startsWith(GrubEnv.SIGNATURE + GrubEnv.WARNING));
        assertEquals(94, (GrubEnv.SIGNATURE + GrubEnv.WARNING).length());
        assertTrue(s.substring(94).chars().allMatch(c -> c == '#'));
    }

    @Test
    void roundTripKeepsOrderAndEscapes() throws Exception {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("slot", "b");
        vars.put("weird", "a\\b\nc=d#e");
        vars.put("empty", "");
        byte[] b = GrubEnv.encode(vars);
        assertTrue(new String(b, StandardCharsets.ISO_8859_1).contains("weird=a\\\\b\\\nc=d#e\n"));
        assertEquals(List.copyOf(vars.entrySet()), List.copyOf(GrubEnv.decode(b).entrySet()));
    }

    @Test
    void wrongSizeAndMissingSignatureAreRefused() {
        BootException e = assertThrows(BootException.class, () -> GrubEnv.decode(new byte[512]));
        assertEquals("is 512 bytes, a GRUB env block is exactly 1024", e.getMessage());
        byte[] b = GrubEnv.empty();
        b[2] = 'g';
        e = assertThrows(BootException.class, () -> GrubEnv.decode(b));
        assertEquals("does not start with the signature '# GRUB Environment Block'", e.getMessage());
    }

    @Test
    void aTornLastLineIsIgnored() throws Exception {
        byte[] b = GrubEnv.encode(Map.of("slot", "a"));
        byte[] text = (GrubEnv.SIGNATURE + "slot=a\nbroken=").getBytes(StandardCharsets.ISO_8859_1);
        byte[] torn = new byte[1024];
        System.arraycopy(text, 0, torn, 0, text.length);
        java.util.Arrays.fill(torn, text.length, 1024, (byte) 'x');
        assertEquals(Map.of("slot", "a"), GrubEnv.decode(torn));
        assertEquals(Map.of("slot", "a"), GrubEnv.decode(b));
    }

    @Test
    void tooManyVariablesAndBadNamesAreRefused() {
        Map<String, String> big = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            big.put("variable" + i, "value");
        }
        BootException e = assertThrows(BootException.class, () -> GrubEnv.encode(big));
        assertTrue(e.getMessage().startsWith("grub env: variables need "), e.getMessage());
        assertThrows(BootException.class, () -> GrubEnv.encode(Map.of("a=b", "1")));
        assertThrows(BootException.class, () -> GrubEnv.encode(Map.of("#x", "1")));
        assertThrows(BootException.class, () -> GrubEnv.encode(Map.of("x", "\u20ac")));
    }

    @Test
    void fileUpdateKeepsPlacesAppendsNewAndSkipsNoOps() throws Exception {
        Path f = dir.resolve("grubenv");
        GrubEnvFile env = new GrubEnvFile(f);
        env.write(new LinkedHashMap<>(Map.of("saved_entry", "x")));
        env.update(Map.of("slot", "a"));
        env.update(Map.of("saved_entry", "y"));
        assertEquals(List.of("saved_entry", "slot"), List.copyOf(env.read().keySet()));
        long before = Files.getLastModifiedTime(f).toMillis();
        byte[] bytes = Files.readAllBytes(f);
        env.update(Map.of("slot", "a"));
        assertArrayEquals(bytes, Files.readAllBytes(f));
        assertEquals(before, Files.getLastModifiedTime(f).toMillis());
        env.update(java.util.Collections.singletonMap("slot", null));
        assertFalse(env.read().containsKey("slot"));
    }

    @Test
    void fileErrorsNameTheFile() throws Exception {
        Path f = dir.resolve("grubenv");
        BootException e = assertThrows(BootException.class, () -> new GrubEnvFile(f).read());
        assertEquals("grubenv " + f + ": missing (create it with grub-editenv " + f + " create)", e.getMessage());
        Files.write(f, new byte[1000]);
        e = assertThrows(BootException.class, () -> new GrubEnvFile(f).update(Map.of("slot", "b")));
        assertEquals("grubenv " + f + ": is 1000 bytes, a GRUB env block is exactly 1024", e.getMessage());
        assertArrayEquals(new byte[1000], Files.readAllBytes(f), "nothing written");
    }
}
