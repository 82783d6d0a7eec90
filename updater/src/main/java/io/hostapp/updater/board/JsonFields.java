package io.hostapp.updater.board;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed, validating access to one JSON object of a board file or the device configuration. Every error names the file and the dotted
 * path of the field ({@code boards/x.json: field 'slots.a.device': missing}), so one line says what to fix.
 */
public final class JsonFields {
    private final String file;
    private final String path;
    private final JsonNode node;

    public JsonFields(String file, String path, JsonNode node) throws BoardFileException {
        this.file = file;
        this.path = path;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw error("", "must be a JSON object");
        }
    }

    public BoardFileException error(String field, String what) {
        String p = field.isEmpty() ? path : (path.isEmpty() ? field : path + "." + field);
        return new BoardFileException(file + ": field '" + (p.isEmpty() ? "(top)" : p) + "': " + what);
    }

    /** Rejects fields not in {@code known}: a typo must not silently drop a setting. */
    public void onlyFields(Set<String> known) throws BoardFileException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw error(f, "unknown field");
            }
        }
    }

    public boolean has(String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    public String text(String field) throws BoardFileException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw error(field, "missing");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw error(field, "must be a non-empty string");
        }
        if (v.asText().indexOf('\0') >= 0) {
            throw error(field, "must not contain a NUL character (\\u0000)"); // no path, name or command can
        }
        return v.asText();
    }

    public String text(String field, String dflt) throws BoardFileException {
        return has(field) ? text(field) : dflt;
    }

    /**
     * A {@link #text} field naming a file, that this JVM can turn into a path: not every string can be one
     * (an unpaired surrogate; any non-ASCII character when the file-name charset is ASCII, as for a service
     * started without a locale).
     */
    public String path(String field) throws BoardFileException {
        String p = text(field);
        try {
            Path.of(p);
        } catch (InvalidPathException e) {
            throw error(field, "is not a usable path (" + e.getReason() + ", file names are "
                    + System.getProperty("sun.jnu.encoding") + ")");
        }
        return p;
    }

    public String path(String field, String dflt) throws BoardFileException {
        return has(field) ? path(field) : dflt;
    }

    public long integer(String field, long min, long max) throws BoardFileException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw error(field, "missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw error(field, "must be an integer in " + min + ".." + max);
        }
        return v.asLong();
    }

    public long integer(String field, long min, long max, long dflt) throws BoardFileException {
        return has(field) ? integer(field, min, max) : dflt;
    }

    public boolean bool(String field, boolean dflt) throws BoardFileException {
        if (!has(field)) {
            return dflt;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw error(field, "must be true or false");
        }
        return v.asBoolean();
    }

    public JsonFields object(String field) throws BoardFileException {
        if (!has(field)) {
            throw error(field, "missing");
        }
        return new JsonFields(file, path.isEmpty() ? field : path + "." + field, node.get(field));
    }

    public List<String> strings(String field) throws BoardFileException {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw error(field, "must be a non-empty array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw error(field, "must be a non-empty array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** The elements of an array of objects, each with its own path ({@code field[2]}). */
    public List<JsonFields> objects(String field, boolean required) throws BoardFileException {
        JsonNode v = node.get(field);
        List<JsonFields> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            if (required) {
                throw error(field, "missing");
            }
            return out;
        }
        if (!v.isArray()) {
            throw error(field, "must be an array");
        }
        String base = path.isEmpty() ? field : path + "." + field;
        for (int i = 0; i < v.size(); i++) {
            out.add(new JsonFields(file, base + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    public Iterator<String> fieldNames() {
        return node.fieldNames();
    }
}
