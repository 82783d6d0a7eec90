package io.hostapp.updater.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostapp.boot.Slot;
import io.hostapp.updater.health.HealthCheck;
import io.hostapp.updater.health.HealthPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and validates board files. The schema is documented in {@code boards/README.md}; every rule there
 * is enforced here, and every violation is a one-line {@link BoardFileException} naming the file and field.
 * Boards shipped in {@code boards/} are also embedded in the jar, so {@code --board NAME} works anywhere.
 */
public final class BoardLoader {
    /** The board schema version this code reads. */
    public static final int SCHEMA = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** The fields each object of the schema accepts, by its heading in {@code boards/README.md}. */
    public static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("top level", Set.of("schema", "name", "description", "simulated", "slots", "bootloader", "cmdline",
                    "dataDir", "reboot", "hooksDir", "health")),
            Map.entry("slots.a, slots.b", Set.of("device", "size", "root")),
            Map.entry("bootloader", Set.of("type", "bootLimit")),
            Map.entry("bootloader type uboot", Set.of("env", "variables", "slotValues")),
            Map.entry("bootloader.env[]", Set.of("device", "offset", "size")),
            Map.entry("bootloader type grub", Set.of("envFile", "variables", "slotValues")),
            Map.entry("bootloader type tryboot", Set.of("autoboot", "partitions", "deviceTree")),
            Map.entry("bootloader type efi", Set.of("efivars", "bootEntries")),
            Map.entry("bootloader type custom", Set.of("program", "timeoutSeconds")),
            Map.entry("health", Set.of("attempts", "intervalSeconds", "checks")),
            Map.entry("health.checks[] type command", Set.of("type", "name", "command", "timeoutSeconds")),
            Map.entry("health.checks[] type file", Set.of("type", "name", "path")),
            Map.entry("health.checks[] type systemd-unit", Set.of("type", "name", "unit")));

    private BoardLoader() {
    }

    /** Loads {@code ref}: a path to a JSON file, or the name of a board shipped with hostapp-update. */
    public static Board load(String ref) throws BoardFileException {
        Path p = Path.of(ref);
        if (ref.endsWith(".json") || ref.contains("/")) {
            return load(p);
        }
        if (!NAME.matcher(ref).matches()) {
            throw new BoardFileException("board '" + ref + "': not a board name or .json path");
        }
        try (InputStream in = BoardLoader.class.getResourceAsStream("/boards/" + ref + ".json")) {
            if (in == null) {
                throw new BoardFileException("board '" + ref + "': no such board (shipped boards: "
                        + String.join(", ", shippedBoards()) + ")");
            }
            return parse(in.readAllBytes(), "boards/" + ref + ".json");
        } catch (IOException e) {
            throw new BoardFileException("board '" + ref + "': cannot read: " + e.getMessage(), e);
        }
    }

    /** Loads a board file from disk. */
    public static Board load(Path file) throws BoardFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BoardFileException(file + ": cannot read board file: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " " + e.getMessage() : ""), e);
        }
        return parse(bytes, file.toString());
    }

    /** Names of the boards embedded in the jar (listed in {@code /boards/index.txt}). */
    public static List<String> shippedBoards() {
        try (InputStream in = BoardLoader.class.getResourceAsStream("/boards/index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes()).lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Parses and validates board JSON; {@code source} names it in errors. */
    public static Board parse(byte[] bytes, String source) throws BoardFileException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // no location for StreamReadConstraints violations (nesting deeper than 1000, 1000-digit numbers)
            throw new BoardFileException(source + ": not valid JSON: "
                    + (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ") + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BoardFileException(source + ": cannot parse: " + e.getMessage(), e);
        }
        JsonFields top = new JsonFields(source, "", root);
        top.onlyFields(FIELDS.get("top level"));
        long schema = top.integer("schema", 1, Integer.MAX_VALUE);
        if (schema != SCHEMA) {
            throw top.error("schema", "unsupported version " + schema + " (this build reads " + SCHEMA + ")");
        }
        String name = top.text("name");
        if (!NAME.matcher(name).matches()) {
            throw top.error("name", "must match " + NAME.pattern());
        }
        boolean simulated = top.bool("simulated", false);
        Map<Slot, Board.SlotSpec> slots = slots(top.object("slots"), simulated);
        Board.BootloaderSpec boot = BootloaderSection.parse(top.object("bootloader"), simulated);
        String cmdline = top.path("cmdline", "/proc/cmdline");
        String dataDir = top.path("dataDir");
        List<String> reboot = top.has("reboot") ? top.strings("reboot") : List.of("systemctl", "reboot");
        String hooks = top.has("hooksDir") ? top.path("hooksDir") : null;
        HealthPolicy health = top.has("health") ? health(top.object("health")) : HealthPolicy.NONE;
        if (!simulated) {
            requireAbsolute(top, "dataDir", dataDir);
            requireAbsolute(top, "cmdline", cmdline);
        }
        return new Board(name, top.text("description", ""), simulated, slots, boot, cmdline, dataDir, reboot,
                hooks, health);
    }

    private static Map<Slot, Board.SlotSpec> slots(JsonFields f, boolean simulated) throws BoardFileException {
        f.onlyFields(Set.of("a", "b"));
        Map<Slot, Board.SlotSpec> out = new EnumMap<>(Slot.class);
        for (Slot s : Slot.values()) {
            JsonFields sf = f.object(s.id());
            sf.onlyFields(FIELDS.get("slots.a, slots.b"));
            String dev = sf.path("device");
            if (!simulated) {
                requireAbsolute(sf, "device", dev);
            }
            long size = sf.integer("size", 4096, Long.MAX_VALUE, -1);
            if (size == -1 && simulated) {
                throw sf.error("size", "missing (required on a simulated board: it sizes the slot file)");
            }
            if (size != -1 && size % 512 != 0) {
                throw sf.error("size", "must be a multiple of 512");
            }
            out.put(s, new Board.SlotSpec(dev, size, sf.text("root", null)));
        }
        if (out.get(Slot.A).device().equals(out.get(Slot.B).device())) {
            throw f.error("b.device", "same device as slot a");
        }
        return out;
    }

    private static HealthPolicy health(JsonFields f) throws BoardFileException {
        f.onlyFields(FIELDS.get("health"));
        int attempts = (int) f.integer("attempts", 1, 1000, 3);
        long interval = f.integer("intervalSeconds", 0, 86400, 10);
        List<HealthCheck> checks = new ArrayList<>();
        for (JsonFields c : f.objects("checks", false)) {
            checks.add(check(c));
        }
        return new HealthPolicy(attempts, interval, checks);
    }

    private static HealthCheck check(JsonFields c) throws BoardFileException {
        String type = c.text("type");
        switch (type) {
            case "command": {
                c.onlyFields(FIELDS.get("health.checks[] type command"));
                List<String> cmd = c.strings("command");
                return new HealthCheck.Command(c.text("name", cmd.get(0)), cmd,
                        c.integer("timeoutSeconds", 1, 3600, 30));
            }
            case "file": {
                c.onlyFields(FIELDS.get("health.checks[] type file"));
                String path = c.path("path");
                return new HealthCheck.FileExists(c.text("name", "file " + path), path);
            }
            case "systemd-unit": {
                c.onlyFields(FIELDS.get("health.checks[] type systemd-unit"));
                String unit = c.text("unit");
                return new HealthCheck.SystemdUnit(c.text("name", "unit " + unit), unit);
            }
            default:
                throw c.error("type", "unknown check type '" + type + "' (known: command, file, systemd-unit)");
        }
    }

    private static void requireAbsolute(JsonFields f, String field, String value) throws BoardFileException {
        if (!value.startsWith("/")) {
            throw f.error(field, "must be an absolute path on a real (non-simulated) board");
        }
    }
}
