package io.hostapp.boot.uboot;

import io.hostapp.boot.BootException;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Codec for one copy of a U-Boot environment (see {@code bootloader-hooks/UBOOT-ENV.md}).
 *
 * <pre>
 * single copy                        redundant copy
 * +0  u32 CRC32 LE over [4, envsize) +0  u32 CRC32 LE over [5, envsize)
 * +4  name=value\0...name=value\0\0  +4  u8 flags (newer copy = larger, 255 -&gt; 0 wraps)
 *     padding up to envsize          +5  name=value\0...\0\0, padding up to envsize
 * </pre>
 * The CRC is zlib/IEEE CRC32 ({@link CRC32}) and covers the padding.
 *
 * <p>Decoding stops at the first empty string (the double NUL), accepts any padding after it
 * (0x00, 0xff, stale bytes left by libubootenv), does not care about the order of the variables,
 * skips entries without {@code '='} and lets a later duplicate win, as fw_printenv does.
 *
 * <p>Encoding sorts by name (byte order, like libubootenv and U-Boot's {@code env export}) and pads
 * with 0x00 (like {@code env export -c}): the image is a pure function of the variables, and deleted
 * variables do not linger in the padding.
 *
 * <p>Strings map to bytes as ISO-8859-1, one char per byte, so any byte a foreign writer stored
 * survives a read-modify-write unchanged; characters above U+00FF are rejected.
 */
public final class UbootEnv {
    /** Header size of a single copy: the CRC. */
    public static final int SINGLE_HEADER = 4;
    /** Header size of a redundant copy: the CRC and the flags byte. */
    public static final int REDUNDANT_HEADER = 5;

    private final int envSize;
    private final boolean redundant;

    /**
     * @param envSize   bytes per copy, header included (the fw_env.config {@code envsize})
     * @param redundant whether copies carry the flags byte
     */
    public UbootEnv(int envSize, boolean redundant) {
        int header = redundant ? REDUNDANT_HEADER : SINGLE_HEADER;
        if (envSize < header + 2) {
            throw new IllegalArgumentException("envsize " + envSize + " is too small: the header takes "
                    + header + " bytes and an empty env 2 more");
        }
        this.envSize = envSize;
        this.redundant = redundant;
    }

    public int envSize() {
        return envSize;
    }

    public boolean redundant() {
        return redundant;
    }

    public int headerSize() {
        return redundant ? REDUNDANT_HEADER : SINGLE_HEADER;
    }

    /**
     * One decoded copy.
     *
     * @param valid   CRC matches and the data is terminated
     * @param problem why it is not valid ({@code "CRC mismatch"}), or null
     * @param flags   the flags byte (0..255) of a redundant copy, whatever its validity; 0 for a single copy
     * @param vars    the variables in stored order; empty when not valid
     */
    public record Decoded(boolean valid, String problem, int flags, Map<String, String> vars) {
    }

    /** Decodes one copy of exactly {@link #envSize()} bytes. */
    public Decoded decode(byte[] copy) {
        if (copy.length != envSize) {
            throw new IllegalArgumentException("copy is " + copy.length + " bytes, envsize is " + envSize);
        }
        int header = headerSize();
        int flags = redundant ? copy[4] & 0xff : 0;
        long stored = (copy[0] & 0xffL) | (copy[1] & 0xffL) << 8 | (copy[2] & 0xffL) << 16 | (copy[3] & 0xffL) << 24;
        if (stored != crc(copy, header, envSize)) {
            return new Decoded(false, "CRC mismatch", flags, Map.of());
        }
        Map<String, String> vars = new LinkedHashMap<>();
        int pos = header;
        while (true) {
            int nul = indexOfNul(copy, pos);
            if (nul < 0) {
                return new Decoded(false, "no end of data (double NUL) before envsize", flags, Map.of());
            }
            if (nul == pos) {
                break; // the empty string: end of data, whatever follows is padding
            }
            String entry = new String(copy, pos, nul - pos, StandardCharsets.ISO_8859_1);
            int eq = entry.indexOf('=');
            if (eq > 0) { // like fw_printenv: entries without '=' (or with an empty name) are skipped
                vars.remove(entry.substring(0, eq)); // a later duplicate wins and takes its position
                vars.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
            pos = nul + 1;
        }
        return new Decoded(true, null, flags, Collections.unmodifiableMap(vars));
    }

    /**
     * Encodes {@code vars} into one copy: sorted by name, padded with 0x00, CRC filled in.
     *
     * @param flags the flags byte for a redundant copy (0..255); ignored for a single copy
     * @throws BootException for a bad name or value, or when the variables do not fit
     */
    public byte[] encode(Map<String, String> vars, int flags) throws BootException {
        if (redundant && (flags < 0 || flags > 255)) {
            throw new IllegalArgumentException("flags must be 0..255, got " + flags);
        }
        int header = headerSize();
        byte[] out = new byte[envSize]; // zero-filled: the 0x00 padding
        int pos = header;
        long needed = header + 1L; // header + final NUL
        for (Map.Entry<String, String> e : new TreeMap<>(vars).entrySet()) {
            byte[] entry = entryBytes(e.getKey(), e.getValue());
            needed += entry.length + 1L;
            if (needed <= envSize) {
                System.arraycopy(entry, 0, out, pos, entry.length);
                pos += entry.length + 1;
            }
        }
        if (needed > envSize) {
            throw new BootException("uboot env: variables need " + needed + " bytes but envsize is " + envSize
                    + " (0x" + Integer.toHexString(envSize) + ", " + header + "-byte header included)");
        }
        if (redundant) {
            out[4] = (byte) flags;
        }
        long crc = crc(out, header, envSize);
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    /** Checks a variable name: not empty, no {@code '='}, no NUL, ISO-8859-1 only. */
    public static void checkName(String name) throws BootException {
        if (name == null || name.isEmpty()) {
            throw new BootException("uboot env: empty variable name");
        }
        if (name.indexOf('=') >= 0) {
            throw new BootException("uboot env: variable name '" + name + "' contains '='");
        }
        checkChars("variable name '" + printable(name) + "'", name);
    }

    /** Checks a value: not null, no NUL, ISO-8859-1 only. */
    public static void checkValue(String name, String value) throws BootException {
        if (value == null) {
            throw new BootException("uboot env: value of '" + name + "' is null");
        }
        checkChars("value of '" + printable(name) + "'", value);
    }

    /** zlib/IEEE CRC32 of {@code buf[from, to)}, as an unsigned value. */
    public static long crc(byte[] buf, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(buf, from, to - from);
        return crc.getValue();
    }

    private static byte[] entryBytes(String name, String value) throws BootException {
        checkName(name);
        checkValue(name, value);
        return (name + "=" + value).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void checkChars(String what, String s) throws BootException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new BootException("uboot env: " + what + " contains a NUL byte");
            }
            if (c > 0xff) {
                throw new BootException("uboot env: " + what + " contains U+" + String.format("%04X", (int) c)
                        + ", outside ISO-8859-1 (the env stores one byte per character)");
            }
        }
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }

    private static int indexOfNul(byte[] buf, int from) {
        for (int i = from; i < buf.length; i++) {
            if (buf[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return (redundant ? "redundant" : "single") + " U-Boot env, envsize 0x" + Integer.toHexString(envSize);
    }
}
