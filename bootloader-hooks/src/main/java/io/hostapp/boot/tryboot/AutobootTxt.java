package io.hostapp.boot.tryboot;

import io.hostapp.boot.BootException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Raspberry Pi bootloader's {@code autoboot.txt} (first FAT partition; see
 * {@code bootloader-hooks/TRYBOOT.md}): at most {@value #MAX_SIZE} bytes of {@code key=value} lines under
 * conditional sections. The A/B layout this project writes:
 * <pre>
 * [all]
 * tryboot_a_b=1          in tryboot mode, load config.txt etc. from the [tryboot] partition
 * boot_partition=2       the committed slot's boot partition
 * [tryboot]
 * boot_partition=3       used only by a reboot with the one-shot tryboot flag ({@code reboot "0 tryboot"})
 * [none]                 never applied by the firmware: the updater's own bookkeeping
 * hostapp_trial=armed    armed | launched (absent: no trial)
 * </pre>
 * Parsing keeps every line (comments, other settings, other sections) in its place, so a rewrite changes only
 * the keys set here. Text is ASCII; CRLF line ends are read and LF written.
 */
public final class AutobootTxt {
    /** The firmware reads no more than this. */
    public static final int MAX_SIZE = 512;

    private record Section(String name, List<String> lines) {
    }

    private final List<Section> sections;

    private AutobootTxt(List<Section> sections) {
        this.sections = sections;
    }

    /**
     * Parses file bytes.
     *
     * @throws BootException "is 600 bytes, the firmware reads at most 512", "has no [all] section", "line 3:
     *                       text before the first [section]"
     */
    public static AutobootTxt parse(byte[] bytes) throws BootException {
        if (bytes.length > MAX_SIZE) {
            throw new BootException("is " + bytes.length + " bytes, the firmware reads at most " + MAX_SIZE);
        }
        List<Section> sections = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("[") && l.endsWith("]")) {
                sections.add(new Section(l.substring(1, l.length() - 1).strip(), new ArrayList<>()));
            } else if (sections.isEmpty()) {
                if (!l.isEmpty() && !l.startsWith("#")) {
                    throw new BootException("line " + (i + 1) + ": '" + l + "' comes before the first [section]"
                            + " (the A/B layout starts with [all])");
                }
            } else if (!(i == lines.length - 1 && l.isEmpty())) {
                sections.get(sections.size() - 1).lines().add(l);
            }
        }
        AutobootTxt a = new AutobootTxt(sections);
        if (a.section("all").isEmpty()) {
            throw new BootException("has no [all] section");
        }
        return a;
    }

    /** The A/B layout with nothing armed: [all] boots {@code committed}, [tryboot] {@code tryboot}. */
    public static AutobootTxt of(int committed, int tryboot) {
        AutobootTxt a = new AutobootTxt(new ArrayList<>());
        a.set("all", "tryboot_a_b", "1");
        a.set("all", "boot_partition", Integer.toString(committed));
        a.set("tryboot", "boot_partition", Integer.toString(tryboot));
        return a;
    }

    /** The value of the last {@code key=} line in {@code section}. */
    public Optional<String> get(String section, String key) {
        String v = null;
        for (Section s : sections) {
            if (s.name().equals(section)) {
                for (String l : s.lines()) {
                    int eq = l.indexOf('=');
                    if (eq > 0 && l.substring(0, eq).strip().equals(key)) {
                        v = l.substring(eq + 1).strip();
                    }
                }
            }
        }
        return Optional.ofNullable(v);
    }

    /** A partition number from {@code section}'s {@code boot_partition}; empty when absent. */
    public Optional<Integer> partition(String section) throws BootException {
        Optional<String> v = get(section, "boot_partition");
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < 0 || n > 127) {
                throw new NumberFormatException();
            }
            return Optional.of(n);
        } catch (NumberFormatException e) {
            throw new BootException("[" + section + "] boot_partition='" + v.get() + "' is not a partition number");
        }
    }

    /** Sets {@code key} in {@code section} (replacing its last occurrence, else appending; the section is added). */
    public AutobootTxt set(String section, String key, String value) {
        Section s = section(section).orElseGet(() -> {
            Section n = new Section(section, new ArrayList<>());
            sections.add(n);
            return n;
        });
        for (int i = s.lines().size() - 1; i >= 0; i--) {
            String l = s.lines().get(i);
            int eq = l.indexOf('=');
            if (eq > 0 && l.substring(0, eq).strip().equals(key)) {
                s.lines().set(i, key + "=" + value);
                return this;
            }
        }
        s.lines().add(key + "=" + value);
        return this;
    }

    /** Removes every {@code key=} line from {@code section}; drops the section when it becomes empty. */
    public AutobootTxt remove(String section, String key) {
        for (Section s : new ArrayList<>(sections)) {
            if (s.name().equals(section)) {
                s.lines().removeIf(l -> l.indexOf('=') > 0 && l.substring(0, l.indexOf('=')).strip().equals(key));
                if (s.lines().isEmpty()) {
                    sections.remove(s);
                }
            }
        }
        return this;
    }

    /**
     * The file bytes, LF line ends.
     *
     * @throws BootException when they exceed {@value #MAX_SIZE} bytes
     */
    public byte[] encode() throws BootException {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections) {
            sb.append('[').append(s.name()).append("]\n");
            for (String l : s.lines()) {
                sb.append(l).append('\n');
            }
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (b.length > MAX_SIZE) {
            throw new BootException("would be " + b.length + " bytes, the firmware reads at most " + MAX_SIZE);
        }
        return b;
    }

    @Override
    public String toString() {
        try {
            return new String(encode(), StandardCharsets.ISO_8859_1);
        } catch (BootException e) {
            return e.getMessage();
        }
    }

    private Optional<Section> section(String name) {
        Section found = null;
        for (Section s : sections) {
            if (s.name().equals(name)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }
}
