package io.hostapp.boot.uboot;

import io.hostapp.boot.BootException;
import io.hostapp.boot.DurableFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the U-Boot env lives, in the shape of libubootenv's {@code fw_env.config}: one line per copy,
 * <pre>
 * # device              offset   envsize  [sectorsize [sectors]]
 * /dev/mmcblk0boot1     0x0      0x4000
 * /dev/mmcblk0boot1     0x4000   0x4000
 * </pre>
 * One line is a single-copy env, two lines a redundant env. {@code #} starts a comment line; blank
 * lines are ignored. Both copies must have the same envsize and must not overlap.
 *
 * <p>Numbers are {@code 0x}-prefixed hex or decimal, with one twist taken from libubootenv 0.3.2,
 * which reads the offset with {@code %lli} (a leading 0 means octal) and envsize, sectorsize and
 * sectors with {@code %lx} (always hex, so {@code 16384} means 0x16384). To never read a file
 * differently from {@code fw_printenv}, a bare number that the two readings disagree on is rejected:
 * a multi-digit bare envsize/sectorsize/sectors, and a bare offset with a leading 0.
 * {@link #toConfigText()} therefore writes every number as {@code 0x} hex.
 *
 * <p>sectorsize and sectors only matter for raw flash (erase blocks); they are kept for round trips.
 */
public final class FwEnvConfig {
    /** Largest envsize accepted (16 MiB); real envs are 8..256 KiB. */
    public static final int MAX_ENV_SIZE = 16 << 20;

    /**
     * One env copy.
     *
     * @param device     file or block device path (no whitespace: the config format cannot express it)
     * @param offset     byte offset of the copy on the device
     * @param envSize    bytes of the copy, header included
     * @param sectorSize erase block size, 0 when not given
     * @param sectors    number of erase blocks, 0 when not given
     */
    public record Copy(String device, long offset, int envSize, long sectorSize, long sectors) {
        public Copy {
            if (device == null || device.isBlank() || device.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("device '" + device + "' is empty or contains whitespace");
            }
            if (offset < 0) {
                throw new IllegalArgumentException("offset " + offset + " is negative");
            }
            if (envSize < UbootEnv.REDUNDANT_HEADER + 2 || envSize > MAX_ENV_SIZE) {
                throw new IllegalArgumentException("envsize " + hex(envSize) + " is out of range "
                        + hex(UbootEnv.REDUNDANT_HEADER + 2) + ".." + hex(MAX_ENV_SIZE));
            }
            if (sectorSize < 0 || sectors < 0) {
                throw new IllegalArgumentException("sectorsize and sectors must not be negative");
            }
            if (sectors > 0 && sectorSize == 0) {
                throw new IllegalArgumentException("sectors given without sectorsize");
            }
        }

        public Copy(String device, long offset, int envSize) {
            this(device, offset, envSize, 0, 0);
        }

        /** The fw_env.config line for this copy, numbers in hex. */
        public String toConfigLine() {
            StringBuilder sb = new StringBuilder(device).append(' ').append(hex(offset))
                    .append(' ').append(hex(envSize));
            if (sectorSize > 0) {
                sb.append(' ').append(hex(sectorSize));
                if (sectors > 0) {
                    sb.append(' ').append(hex(sectors));
                }
            }
            return sb.toString();
        }
    }

    private final List<Copy> copies;

    private FwEnvConfig(List<Copy> copies) {
        if (copies.isEmpty() || copies.size() > 2) {
            throw new IllegalArgumentException("an env has 1 copy (single) or 2 (redundant), got " + copies.size());
        }
        if (copies.size() == 2) {
            Copy a = copies.get(0);
            Copy b = copies.get(1);
            if (a.envSize() != b.envSize()) {
                throw new IllegalArgumentException("copy 2 envsize " + hex(b.envSize())
                        + " differs from copy 1 envsize " + hex(a.envSize()) + " (both copies must be the same size)");
            }
            if (a.device().equals(b.device()) && a.offset() < b.offset() + b.envSize()
                    && b.offset() < a.offset() + a.envSize()) {
                throw new IllegalArgumentException("copies 1 (" + hex(a.offset()) + ") and 2 (" + hex(b.offset())
                        + ") overlap on " + a.device());
            }
        }
        this.copies = List.copyOf(copies);
    }

    /** A config from values (board files); throws IllegalArgumentException naming the bad value. */
    public static FwEnvConfig of(List<Copy> copies) {
        return new FwEnvConfig(copies);
    }

    /** A single-copy env. */
    public static FwEnvConfig single(String device, long offset, int envSize) {
        return of(List.of(new Copy(device, offset, envSize)));
    }

    /** A redundant env with both copies on one device, e.g. {@code (img, 0, 0x4000, 0x4000)}. */
    public static FwEnvConfig redundant(String device, long offset1, long offset2, int envSize) {
        return of(List.of(new Copy(device, offset1, envSize), new Copy(device, offset2, envSize)));
    }

    /** Reads and parses a config file; errors name the file and line. */
    public static FwEnvConfig read(Path file) throws BootException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BootException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses config text.
     *
     * @param source name for messages, e.g. the file path
     * @throws BootException "SOURCE line N: what is wrong"
     */
    public static FwEnvConfig parse(String text, String source) throws BootException {
        List<Copy> copies = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] f = line.split("\\s+");
            if (f.length < 3 || f.length > 5) {
                throw new BootException(where + ": expected 'device offset envsize [sectorsize [sectors]]', got "
                        + f.length + " field" + (f.length == 1 ? "" : "s"));
            }
            if (copies.size() == 2) {
                throw new BootException(where
                        + ": third env copy; fw_env.config describes 1 copy (single) or 2 (redundant)");
            }
            long offset = number(f[1], false, "offset", where);
            long envSize = number(f[2], true, "envsize", where);
            long sectorSize = f.length > 3 ? number(f[3], true, "sectorsize", where) : 0;
            long sectors = f.length > 4 ? number(f[4], true, "sectors", where) : 0;
            if (envSize > MAX_ENV_SIZE) {
                throw new BootException(where + ": envsize " + hex(envSize) + " is larger than the " + hex(MAX_ENV_SIZE)
                        + " this tool accepts");
            }
            try {
                copies.add(new Copy(f[0], offset, (int) envSize, sectorSize, sectors));
                if (copies.size() == 2) {
                    of(copies); // cross-copy checks, reported on the second line
                }
            } catch (IllegalArgumentException e) {
                throw new BootException(where + ": " + e.getMessage());
            }
        }
        if (copies.isEmpty()) {
            throw new BootException(source + ": no env copy described (only comments or blank lines)");
        }
        return of(copies);
    }

    /**
     * Parses one numeric field. {@code hexColumn}: libubootenv reads it as hex even without 0x.
     */
    private static long number(String tok, boolean hexColumn, String what, String where) throws BootException {
        try {
            if (tok.startsWith("0x") || tok.startsWith("0X")) {
                String digits = tok.substring(2);
                // parseLong alone would accept a sign ("0x-1"); insist on hex digits only
                if (digits.isEmpty() || !digits.chars().allMatch(c -> c < 0x80 && Character.digit(c, 16) >= 0)) {
                    throw new NumberFormatException();
                }
                return Long.parseLong(digits, 16);
            }
            if (!tok.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException();
            }
            long v = Long.parseLong(tok);
            if (hexColumn && v > 9) {
                throw new BootException(where + ": " + what + " '" + tok + "' has no 0x prefix; fw_printenv reads this"
                        + " column as hex (0x" + tok + "), so write 0x" + Long.toHexString(v) + " for " + v
                        + (what.equals("sectors") ? "" : " bytes") + " or 0x" + tok + " for hex");
            }
            if (!hexColumn && tok.length() > 1 && tok.charAt(0) == '0') {
                throw new BootException(where + ": " + what + " '" + tok + "' has a leading 0, which fw_printenv reads"
                        + " as octal; write " + v + " or 0x" + Long.toHexString(v) + " without the leading 0");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BootException(where + ": " + what + " '" + tok
                    + "' is not a number (0x-prefixed hex or decimal) or is too large");
        }
    }

    public List<Copy> copies() {
        return copies;
    }

    public boolean redundant() {
        return copies.size() == 2;
    }

    /** Bytes per copy, header included. */
    public int envSize() {
        return copies.get(0).envSize();
    }

    /** The config as fw_env.config text, all numbers in 0x hex (unambiguous for libubootenv). */
    public String toConfigText() {
        StringBuilder sb = new StringBuilder("# device offset envsize [sectorsize [sectors]]\n");
        for (Copy c : copies) {
            sb.append(c.toConfigLine()).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #toConfigText()} to {@code file} durably (temp file, fsync, rename). */
    public void write(Path file) throws IOException {
        DurableFiles.write(file, toConfigText().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FwEnvConfig other && copies.equals(other.copies);
    }

    @Override
    public int hashCode() {
        return copies.hashCode();
    }

    @Override
    public String toString() {
        return toConfigText();
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
