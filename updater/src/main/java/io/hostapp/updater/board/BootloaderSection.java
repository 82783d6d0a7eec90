package io.hostapp.updater.board;

import io.hostapp.boot.Slot;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code bootloader} object of a board file: the common fields, then the chosen backend's own fields
 * (boards/README.md, "bootloader" and "bootloader type X"). Every rule is checked here, so the dispatch
 * point ({@code BootBackends}) only maps valid values onto constructors.
 */
final class BootloaderSection {
    /** The backends, in the order the docs list them. */
    static final List<String> TYPES = List.of("uboot", "grub", "tryboot", "efi", "custom", "noop");
    /** Backends whose firmware gives a trial exactly one boot. */
    static final Set<String> ONE_SHOT = Set.of("tryboot", "efi");

    private static final Set<String> VARIABLES =
            Set.of("slot", "fallback_slot", "upgrade_available", "bootcount", "bootlimit", "rollback");
    private static final Pattern BOOT_ENTRY = Pattern.compile("[0-9A-Fa-f]{4}");

    private BootloaderSection() {
    }

    static Board.BootloaderSpec parse(JsonFields f, boolean simulated) throws BoardFileException {
        String type = f.text("type");
        if (!TYPES.contains(type)) {
            throw f.error("type", "unknown bootloader type '" + type + "' (known: " + String.join(", ", TYPES) + ")");
        }
        Set<String> known = new java.util.HashSet<>(BoardLoader.FIELDS.get("bootloader"));
        known.addAll(BoardLoader.FIELDS.getOrDefault("bootloader type " + type, Set.of()));
        f.onlyFields(known);
        int limit;
        if (ONE_SHOT.contains(type)) {
            limit = (int) f.integer("bootLimit", 1, 9, 1);
            if (limit != 1) {
                throw f.error("bootLimit", "must be 1 for " + type + ": the firmware gives a trial exactly one boot");
            }
        } else {
            limit = (int) f.integer("bootLimit", 1, 9, 3);
        }
        Board.BootloaderParams params = switch (type) {
            case "uboot" -> new Board.UbootParams(env(f), variables(f), slotValues(f));
            case "grub" -> new Board.GrubParams(path(f, "envFile", null, simulated), variables(f), slotValues(f));
            case "tryboot" -> new Board.TrybootParams(path(f, "autoboot", null, simulated),
                    perSlot(f, "partitions", 1, 127), path(f, "deviceTree", "/proc/device-tree/chosen/bootloader", simulated));
            case "efi" -> new Board.EfiParams(path(f, "efivars", "/sys/firmware/efi/efivars", simulated), bootEntries(f));
            case "custom" -> new Board.CustomParams(program(f, simulated), (int) f.integer("timeoutSeconds", 1, 600, 30));
            default -> new Board.NoopParams();
        };
        return new Board.BootloaderSpec(type, limit, params);
    }

    private static List<Board.EnvCopySpec> env(JsonFields f) throws BoardFileException {
        List<Board.EnvCopySpec> env = new ArrayList<>();
        List<JsonFields> copies = f.objects("env", true);
        if (copies.size() != 1 && copies.size() != 2) {
            throw f.error("env", "must list 1 (single) or 2 (redundant) env copies");
        }
        for (JsonFields c : copies) {
            c.onlyFields(BoardLoader.FIELDS.get("bootloader.env[]"));
            long size = c.integer("size", 16, 16L << 20);
            String device = c.path("device");
            if (device.chars().anyMatch(Character::isWhitespace)) {
                throw c.error("device", "must not contain whitespace (an fw_env.config line cannot express it)");
            }
            env.add(new Board.EnvCopySpec(device, c.integer("offset", 0, Long.MAX_VALUE, 0), size));
        }
        if (env.size() == 2 && env.get(0).size() != env.get(1).size()) {
            throw f.error("env[1].size", "both env copies must have the same size");
        }
        if (env.size() == 2 && env.get(0).device().equals(env.get(1).device())
                && env.get(0).offset() < env.get(1).offset() + env.get(1).size()
                && env.get(1).offset() < env.get(0).offset() + env.get(0).size()) {
            throw f.error("env[1].offset", "overlaps env copy 1 on the same device");
        }
        return env;
    }

    private static Map<String, String> variables(JsonFields f) throws BoardFileException {
        Map<String, String> vars = new LinkedHashMap<>();
        if (f.has("variables")) {
            JsonFields v = f.object("variables");
            v.onlyFields(VARIABLES);
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                vars.put(k, v.text(k));
            }
        }
        return vars;
    }

    private static Map<Slot, String> slotValues(JsonFields f) throws BoardFileException {
        Map<Slot, String> values = new EnumMap<>(Slot.class);
        if (f.has("slotValues")) {
            JsonFields v = f.object("slotValues");
            v.onlyFields(Set.of("a", "b"));
            values.put(Slot.A, v.text("a"));
            values.put(Slot.B, v.text("b"));
            if (values.get(Slot.A).equals(values.get(Slot.B))) {
                throw v.error("b", "same value as slot a");
            }
        }
        return values;
    }

    private static Map<Slot, Integer> perSlot(JsonFields f, String field, long min, long max) throws BoardFileException {
        JsonFields v = f.object(field);
        v.onlyFields(Set.of("a", "b"));
        Map<Slot, Integer> out = new EnumMap<>(Slot.class);
        for (Slot s : Slot.values()) {
            out.put(s, (int) v.integer(s.id(), min, max));
        }
        if (out.get(Slot.A).equals(out.get(Slot.B))) {
            throw v.error("b", "same as slot a");
        }
        return out;
    }

    private static Map<Slot, Integer> bootEntries(JsonFields f) throws BoardFileException {
        JsonFields v = f.object("bootEntries");
        v.onlyFields(Set.of("a", "b"));
        Map<Slot, Integer> out = new EnumMap<>(Slot.class);
        for (Slot s : Slot.values()) {
            String hex = v.text(s.id());
            if (!BOOT_ENTRY.matcher(hex).matches()) {
                throw v.error(s.id(), "must be a boot entry number of 4 hex digits, e.g. \"0004\" for Boot0004");
            }
            out.put(s, Integer.parseInt(hex, 16));
        }
        if (out.get(Slot.A).equals(out.get(Slot.B))) {
            throw v.error("b", "same boot entry as slot a");
        }
        return out;
    }

    private static List<String> program(JsonFields f, boolean simulated) throws BoardFileException {
        List<String> p = f.strings("program");
        if (!simulated && !p.get(0).startsWith("/")) {
            throw f.error("program", "the program must be an absolute path on a real (non-simulated) board");
        }
        return p;
    }

    private static String path(JsonFields f, String field, String dflt, boolean simulated) throws BoardFileException {
        String p = dflt == null ? f.path(field) : f.path(field, dflt);
        if (!simulated && !p.startsWith("/")) {
            throw f.error(field, "must be an absolute path on a real (non-simulated) board");
        }
        return p;
    }
}
