package io.hostapp.updater.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.boot.Slot;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the journal's JSON form (documented in {@code updater/JOURNAL.md}). Keys are stable
 * strings; a file with another schema version or a missing key is rejected, never guessed at.
 */
public final class JournalCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalCodec() {
    }

    public static byte[] encode(Journal j) {
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", Journal.SCHEMA);
        n.put("saveCounter", j.saveCounter());
        n.put("state", j.state().name());
        if (j.update().isPresent()) {
            Journal.Update u = j.update().get();
            ObjectNode un = n.putObject("update");
            un.put("version", u.version());
            un.put("fromSlot", u.fromSlot().id());
            un.put("toSlot", u.toSlot().id());
            un.put("sha256", u.sha256());
            un.put("length", u.length());
            un.put("source", u.source());
            un.put("startedAt", u.startedAt());
            un.put("saves", u.saves());
            u.reason().ifPresent(r -> un.put("reason", r));
            if (u.fetched() >= 0) {
                un.put("fetched", u.fetched());
            }
        } else {
            n.putNull("update");
        }
        ObjectNode sn = n.putObject("slots");
        for (Slot s : Slot.values()) {
            Optional<Journal.Release> r = j.slot(s);
            if (r.isPresent()) {
                ObjectNode rn = sn.putObject(s.id());
                rn.put("version", r.get().version());
                rn.put("sha256", r.get().sha256());
                rn.put("length", r.get().length());
            } else {
                sn.putNull(s.id());
            }
        }
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
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Journal decode(byte[] bytes) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // no location for StreamReadConstraints violations (nesting deeper than 1000, 1000-digit numbers)
            throw new IOException("not valid JSON: " + (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr()
                    + ": ") + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IOException("not a JSON object");
        }
        int schema = req(n, "schema").asInt(-1);
        if (schema != Journal.SCHEMA) {
            throw new IOException("schema " + req(n, "schema") + " not supported (this build reads " + Journal.SCHEMA + ")");
        }
        JournalState state;
        try {
            state = JournalState.valueOf(req(n, "state").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown state '" + n.get("state").asText() + "'");
        }
        Optional<Journal.Update> update = Optional.empty();
        JsonNode un = req(n, "update");
        if (!un.isNull()) {
            update = Optional.of(new Journal.Update(req(un, "version").asText(), slot(un, "fromSlot"), slot(un, "toSlot"),
                    req(un, "sha256").asText(), req(un, "length").asLong(), req(un, "source").asText(),
                    req(un, "startedAt").asText(), req(un, "saves").asLong(),
                    un.hasNonNull("reason") ? Optional.of(un.get("reason").asText()) : Optional.empty(),
                    un.hasNonNull("fetched") ? un.get("fetched").asLong() : -1));
        }
        Map<Slot, Optional<Journal.Release>> slots = new EnumMap<>(Slot.class);
        JsonNode sn = req(n, "slots");
        for (Slot s : Slot.values()) {
            JsonNode rn = req(sn, s.id());
            slots.put(s, rn.isNull() ? Optional.empty() : Optional.of(new Journal.Release(
                    req(rn, "version").asText(), req(rn, "sha256").asText(), req(rn, "length").asLong())));
        }
        Optional<Journal.Outcome> outcome = Optional.empty();
        JsonNode on = req(n, "lastOutcome");
        if (!on.isNull()) {
            outcome = Optional.of(new Journal.Outcome(req(on, "result").asText(), req(on, "version").asText(),
                    req(on, "reason").asText(), req(on, "at").asText()));
        }
        if (state == JournalState.Idle && update.isPresent()) {
            throw new IOException("state Idle with an update in progress");
        }
        if (state != JournalState.Idle && update.isEmpty()) {
            throw new IOException("state " + state + " without an update");
        }
        return new Journal(req(n, "saveCounter").asLong(), state, update, slots, outcome);
    }

    private static JsonNode req(JsonNode n, String key) throws IOException {
        JsonNode v = n.get(key);
        if (v == null) {
            throw new IOException("missing key '" + key + "'");
        }
        return v;
    }

    private static Slot slot(JsonNode n, String key) throws IOException {
        try {
            return Slot.parse(req(n, key).asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("key '" + key + "': " + e.getMessage());
        }
    }
}
