package io.hostapp.updater.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoardLoaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void loadsEveryShippedBoard() throws Exception {
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (String name : BoardLoader.shippedBoards()) {
            Board b = BoardLoader.load(name);
            assertEquals(name, b.name());
            types.add(b.bootloader().type());
            if (name.startsWith("sim-")) {
                assertTrue(b.simulated(), name);
            }
        }
        assertEquals(java.util.Set.of("custom", "efi", "grub", "tryboot", "uboot"), types, "every family ships a board");
        Board sim = BoardLoader.load("sim-uboot");
        assertTrue(sim.simulated());
        assertEquals(2, sim.bootloader().env().size());
        assertEquals(33554432, sim.slots().get(Slot.B).size());
        assertTrue(sim.health().checks().get(0) instanceof HealthCheck.Command);
        Board real = BoardLoader.load("qemu-arm64");
        assertFalse(real.simulated());
        assertEquals("/dev/disk/by-partlabel/root-a", real.slots().get(Slot.A).device());
        assertEquals(-1, real.slots().get(Slot.A).size());
    }

    @Test
    void unknownBoardNameListsShippedBoards() {
        BoardFileException e = assertThrows(BoardFileException.class, () -> BoardLoader.load("nosuchboard"));
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("no such board") && e.getMessage().contains("sim-uboot"), e.getMessage());
    }

    @Test
    void missingFile() {
        BoardFileException e = assertThrows(BoardFileException.class, () -> BoardLoader.load(tmp.resolve("x.json")));
        assertTrue(e.getMessage().startsWith(tmp.resolve("x.json") + ": cannot read board file"), e.getMessage());
    }

    @Test
    void notJson() throws Exception {
        Path f = Files.writeString(tmp.resolve("b.json"), "{ \"schema\": 1,\n  oops }");
        BoardFileException e = assertThrows(BoardFileException.class, () -> BoardLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + ": not valid JSON: line 2"), e.getMessage());
    }

    // Each wrong field gets a one-line error naming the file and the field.
    @Test
    void wrongFieldsAreNamed() throws Exception {
        bad(n -> n.remove("name"), "field 'name': missing");
        bad(n -> n.put("schema", 2), "field 'schema': unsupported version 2");
        bad(n -> n.put("name", "Bad Name"), "field 'name': must match");
        bad(n -> n.put("colour", "red"), "field 'colour': unknown field");
        bad(n -> slot(n, "a").remove("device"), "field 'slots.a.device': missing");
        bad(n -> slot(n, "b").put("size", 1000), "field 'slots.b.size': must be an integer in 4096..");
        bad(n -> slot(n, "b").put("size", 5000), "field 'slots.b.size': must be a multiple of 512");
        bad(n -> slot(n, "b").remove("size"), "field 'slots.b.size': missing (required on a simulated board");
        bad(n -> slot(n, "b").put("device", "slot-a.img"), "field 'slots.b.device': same device as slot a");
        bad(n -> boot(n).put("type", "lilo"), "field 'bootloader.type': unknown bootloader type 'lilo'");
        bad(n -> boot(n).put("bootLimit", 10), "field 'bootloader.bootLimit': must be an integer in 1..9");
        bad(n -> ((ArrayNode) boot(n).get("env")).removeAll(), "field 'bootloader.env': must list 1 (single) or 2");
        bad(n -> ((ObjectNode) boot(n).get("env").get(1)).put("size", 4096), "field 'bootloader.env[1].size'");
        bad(n -> ((ObjectNode) boot(n).get("env").get(0)).put("size", "big"), "field 'bootloader.env[0].size': must be an integer");
        bad(n -> boot(n).putObject("variables").put("slot_number", "x"), "field 'bootloader.variables.slot_number': unknown field");
        bad(n -> boot(n).putObject("slotValues").put("a", "2").put("b", "2"), "field 'bootloader.slotValues.b': same value as slot a");
        bad(n -> check(n).put("type", "ping"), "field 'health.checks[0].type': unknown check type 'ping'");
        bad(n -> check(n).remove("command"), "field 'health.checks[0].command': must be a non-empty array of strings");
        bad(n -> ((ObjectNode) n.get("health")).put("attempts", 0), "field 'health.attempts': must be an integer in 1..1000");
        bad(n -> n.put("simulated", false), "field 'slots.a.device': must be an absolute path on a real");
    }

    private void bad(Consumer<ObjectNode> edit, String expected) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(getClass().getResourceAsStream("/boards/sim-uboot.json"));
        edit.accept(n);
        Path f = tmp.resolve("edited.json");
        Files.write(f, JSON.writeValueAsBytes(n));
        BoardFileException e = assertThrows(BoardFileException.class, () -> BoardLoader.load(f), expected);
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' lacks '" + expected + "'");
    }

    private static ObjectNode slot(ObjectNode n, String s) {
        return (ObjectNode) n.get("slots").get(s);
    }

    private static ObjectNode boot(ObjectNode n) {
        return (ObjectNode) n.get("bootloader");
    }

    private static ObjectNode check(ObjectNode n) {
        return (ObjectNode) n.get("health").get("checks").get(0);
    }
}
