package io.hostapp.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the booted slot on the kernel command line, the way the bootloader reported it.
 *
 * <ol>
 *   <li>{@code hostapp.slot=a|b}, if present (the boot script sets it; preferred, unambiguous);</li>
 *   <li>else {@code root=}, compared with each slot's root identifiers from the board file, e.g.
 *       {@code PARTLABEL=root-a}, {@code /dev/disk/by-partlabel/root-a} or {@code /dev/mmcblk0p2}.
 *       {@code PARTLABEL=x} and {@code /dev/disk/by-partlabel/x} are treated as the same identifier,
 *       likewise PARTUUID, LABEL and UUID (UUIDs compare case-insensitively).</li>
 * </ol>
 * Parameters are split like the kernel does: on spaces, double quotes group, the last occurrence wins,
 * and {@code --} ends the kernel's part (what follows belongs to init).
 */
public final class KernelCmdline {
    /** The running kernel's command line. */
    public static final Path PROC_CMDLINE = Path.of("/proc/cmdline");
    /** The parameter a boot script passes to name the slot. */
    public static final String SLOT_PARAM = "hostapp.slot";

    private final Path file;
    private final Map<Slot, List<String>> rootIds;

    /**
     * @param file    {@link #PROC_CMDLINE} on a device; a simulated device passes its own file
     * @param rootIds per slot, the {@code root=} values that mean that slot (may be empty: then only
     *                {@code hostapp.slot=} is understood)
     */
    public KernelCmdline(Path file, Map<Slot, List<String>> rootIds) {
        this.file = file;
        Map<Slot, List<String>> ids = new EnumMap<>(Slot.class);
        for (Slot s : Slot.values()) {
            ids.put(s, List.copyOf(rootIds.getOrDefault(s, List.of())));
        }
        for (String a : ids.get(Slot.A)) {
            for (String b : ids.get(Slot.B)) {
                if (canonical(a).equals(canonical(b))) {
                    throw new IllegalArgumentException("root identifier '" + a + "' (slot a) and '" + b
                            + "' (slot b) name the same device");
                }
            }
        }
        this.rootIds = ids;
    }

    /** Only {@code hostapp.slot=} is understood. */
    public KernelCmdline(Path file) {
        this(file, Map.of());
    }

    /** Reads the file and finds the booted slot. */
    public Slot bootedSlot() throws BootException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BootException("kernel cmdline: cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return slotOf(text);
        } catch (BootException e) {
            throw new BootException("kernel cmdline (" + file + "): " + e.getMessage());
        }
    }

    /** Finds the booted slot in command-line text; messages say what was found and what was expected. */
    public Slot slotOf(String cmdline) throws BootException {
        String slotParam = null;
        String root = null;
        for (String p : split(cmdline)) {
            if (p.equals("--")) {
                break;
            }
            if (p.startsWith(SLOT_PARAM + "=")) {
                slotParam = p.substring(SLOT_PARAM.length() + 1);
            } else if (p.startsWith("root=")) {
                root = p.substring(5);
            }
        }
        if (slotParam != null) {
            try {
                return Slot.parse(slotParam);
            } catch (IllegalArgumentException e) {
                throw new BootException(SLOT_PARAM + "=" + slotParam + " is not a slot (want a or b)");
            }
        }
        if (root == null) {
            throw new BootException("neither " + SLOT_PARAM + "= nor root= is present");
        }
        String want = canonical(root);
        for (Slot s : Slot.values()) {
            for (String id : rootIds.get(s)) {
                if (canonical(id).equals(want)) {
                    return s;
                }
            }
        }
        if (rootIds.get(Slot.A).isEmpty() && rootIds.get(Slot.B).isEmpty()) {
            throw new BootException("no " + SLOT_PARAM + "=, and root=" + root
                    + " cannot be matched: no root identifiers are configured for the slots");
        }
        throw new BootException("root=" + root + " matches no slot (a: " + String.join(", ", rootIds.get(Slot.A))
                + "; b: " + String.join(", ", rootIds.get(Slot.B)) + ") and there is no " + SLOT_PARAM + "=");
    }

    /** Splits on whitespace outside double quotes and removes the quotes, like the kernel's next_arg(). */
    static List<String> split(String cmdline) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < cmdline.length(); i++) {
            char c = cmdline.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    /** One spelling per identifier: TAG=value and /dev/disk/by-tag/value compare equal. */
    static String canonical(String id) {
        String[][] tags = {{"PARTLABEL=", "/dev/disk/by-partlabel/"}, {"PARTUUID=", "/dev/disk/by-partuuid/"},
                {"LABEL=", "/dev/disk/by-label/"}, {"UUID=", "/dev/disk/by-uuid/"}};
        for (String[] t : tags) {
            String value = null;
            if (id.startsWith(t[0])) {
                value = id.substring(t[0].length());
            } else if (id.startsWith(t[1])) {
                value = id.substring(t[1].length());
            }
            if (value != null) {
                boolean uuid = t[0].contains("UUID");
                return t[1] + (uuid ? value.toLowerCase(Locale.ROOT) : value);
            }
        }
        return id;
    }
}
