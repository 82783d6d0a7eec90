package io.hostapp.manifest.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.MetadataException.Check;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strict typed reads from a JSON object, each failure a {@link MalformedMetadataException} naming the
 * role and the field. The type rules follow python-tuf: integers must be JSON integers (never
 * booleans or floats), strings must be strings.
 */
public final class JsonFields {

    private final String role;
    private final String where;
    private final JsonNode node;

    private JsonFields(String role, String where, JsonNode node) {
        this.role = role;
        this.where = where;
        this.node = node;
    }

    /** Reads fields of {@code node}, an object; {@code where} prefixes field names in messages. */
    public static JsonFields of(String role, String where, JsonNode node) throws MalformedMetadataException {
        if (node == null || !node.isObject()) {
            throw new MalformedMetadataException(role, Check.MALFORMED, label(where, "") + " must be a JSON object");
        }
        return new JsonFields(role, where, node);
    }

    public JsonNode node() {
        return node;
    }

    public String role() {
        return role;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public JsonNode require(String field) throws MalformedMetadataException {
        JsonNode v = node.get(field);
        if (v == null) {
            throw fail(field, "is missing");
        }
        return v;
    }

    public String text(String field) throws MalformedMetadataException {
        JsonNode v = require(field);
        if (!v.isTextual()) {
            throw fail(field, "must be a string");
        }
        return v.textValue();
    }

    public Optional<String> optionalText(String field) throws MalformedMetadataException {
        return node.has(field) ? Optional.of(text(field)) : Optional.empty();
    }

    public long integer(String field) throws MalformedMetadataException {
        JsonNode v = require(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw fail(field, "must be an integer");
        }
        return v.longValue();
    }

    public long positive(String field) throws MalformedMetadataException {
        long v = integer(field);
        if (v <= 0) {
            throw fail(field, "must be > 0, got " + v);
        }
        return v;
    }

    public boolean bool(String field) throws MalformedMetadataException {
        JsonNode v = require(field);
        if (!v.isBoolean()) {
            throw fail(field, "must be true or false");
        }
        return v.booleanValue();
    }

    public JsonFields object(String field) throws MalformedMetadataException {
        return of(role, label(where, field), require(field));
    }

    /** A list of strings; {@code unique} rejects repeats. */
    public List<String> textList(String field, boolean unique) throws MalformedMetadataException {
        JsonNode v = require(field);
        if (!v.isArray()) {
            throw fail(field, "must be a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw fail(field, "must hold only strings");
            }
            if (unique && out.contains(e.textValue())) {
                throw fail(field, "repeats '" + e.textValue() + "'");
            }
            out.add(e.textValue());
        }
        return out;
    }

    /** An object of string values, in document order. */
    public Map<String, String> textMap(String field) throws MalformedMetadataException {
        JsonFields obj = object(field);
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw fail(field + "." + e.getKey(), "must be a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    public MalformedMetadataException fail(String field, String problem) {
        return new MalformedMetadataException(role, Check.MALFORMED, "field '" + label(where, field) + "' " + problem);
    }

    private static String label(String where, String field) {
        if (where == null || where.isEmpty()) {
            return field.isEmpty() ? "document" : field;
        }
        return field.isEmpty() ? where : where + "." + field;
    }
}
