package io.hostapp.updater.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.boot.BootBackend;
import io.hostapp.boot.BootException;
import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.journal.Journal;

import java.io.IOException;
import java.util.Optional;

/** Builds {@code hostapp-update status}: booted and primary slot, each slot's state and release, journal, outcome. */
final class Status {
    private Status() {
    }

    static ObjectNode collect(Device d) throws UpdateException {
        Journal j = d.journal().load();
        BootBackend boot = d.boot();
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = m.createObjectNode();
        n.put("board", d.board().name());
        n.put("simulated", d.simulated());
        n.put("bootloader", boot.name());
        try {
            n.put("bootedSlot", boot.bootedSlot().id());
            n.put("primarySlot", boot.primarySlot().id());
            n.put("fallbackReported", boot.fallbackReported());
            ObjectNode slots = n.putObject("slots");
            for (Slot s : Slot.values()) {
                ObjectNode sn = slots.putObject(s.id());
                sn.put("device", d.slotDevice(s).toString());
                sn.put("state", boot.state(s).name());
                Optional<Journal.Release> r = j.slot(s);
                sn.put("version", r.map(Journal.Release::version).orElse(null));
                sn.put("sha256", r.map(Journal.Release::sha256).orElse(null));
                if (r.isPresent()) {
                    sn.put("length", r.get().length());
                }
            }
        } catch (BootException e) {
            throw new UpdateException(ExitCode.BOOTLOADER, e.getMessage(), e);
        }
        ObjectNode jn = n.putObject("journal");
        jn.put("state", j.state().name());
        jn.put("saveCounter", j.saveCounter());
        j.update().ifPresent(u -> {
            ObjectNode un = jn.putObject("update");
            un.put("version", u.version());
            un.put("fromSlot", u.fromSlot().id());
            un.put("toSlot", u.toSlot().id());
            u.reason().ifPresent(r -> un.put("reason", r));
        });
        if (j.lastOutcome().isPresent()) {
            Journal.Outcome o = j.lastOutcome().get();
            ObjectNode on = n.putObject("lastOutcome");
            on.put("result", o.result());
            on.put("version", o.version());
            on.put("reason", o.reason());
            on.put("at", o.at());
        } else {
            n.putNull("lastOutcome");
        }
        return n;
    }

    static String json(ObjectNode n) {
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(ObjectNode n) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("board:        %s%s (bootloader %s)%n", n.get("board").asText(),
                n.get("simulated").asBoolean() ? ", simulated" : "", n.get("bootloader").asText()));
        b.append(String.format("booted slot:  %s%n", n.get("bootedSlot").asText()));
        b.append(String.format("primary slot: %s%s%n", n.get("primarySlot").asText(),
                n.get("fallbackReported").asBoolean() ? " (bootloader reported a fallback)" : ""));
        for (String s : new String[] {"a", "b"}) {
            var sn = n.get("slots").get(s);
            b.append(String.format("slot %s:       %-8s %s%n", s, sn.get("state").asText(),
                    sn.get("version").isNull() ? "(no verified release)"
                            : sn.get("version").asText() + "  sha256:" + sn.get("sha256").asText().substring(0, 16)));
        }
        var jn = n.get("journal");
        b.append(String.format("journal:      %s", jn.get("state").asText()));
        if (jn.has("update")) {
            var u = jn.get("update");
            b.append(String.format(" (update to %s, slot %s -> %s)", u.get("version").asText(),
                    u.get("fromSlot").asText(), u.get("toSlot").asText()));
        }
        b.append(String.format("%n"));
        var o = n.get("lastOutcome");
        b.append(String.format("last outcome: %s%n", o.isNull() ? "(none)"
                : o.get("result").asText() + " " + o.get("version").asText() + ": " + o.get("reason").asText()));
        return b.toString();
    }
}
