package io.hostapp.manifest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON exactly as securesystemslib's {@code encode_canonical} produces it (the OLPC rules as
 * securesystemslib implements them); TUF signatures are over these bytes of the {@code signed} object.
 *
 * <p>Format:
 * <ul>
 *   <li>no whitespace anywhere; object members sorted by key in Unicode code point order
 *       (Python's {@code sorted()} on {@code str}, which differs from Java's UTF-16 order for
 *       characters above U+FFFF);</li>
 *   <li>strings: {@code "} + text with only {@code \} and {@code "} backslash-escaped + {@code "};
 *       every other character, control characters and non-ASCII included, is written raw as UTF-8;</li>
 *   <li>integers in plain decimal, any size; {@code true}, {@code false}, {@code null};</li>
 *   <li>floating point numbers are not encodable: {@link #encode} throws.</li>
 * </ul>
 *
 * <p>{@link #parse} is the one JSON reader for metadata: it rejects duplicate object keys (two readers
 * could otherwise disagree on what was signed) and trailing content after the top-level value.
 */
public final class CanonicalJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Orders strings by Unicode code point, as Python sorts {@code str}. */
    public static final Comparator<String> CODE_POINT_ORDER = CanonicalJson::compareCodePoints;

    private CanonicalJson() {
    }

    /** The shared strict mapper (also used to build JSON trees for the publisher). */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses UTF-8 JSON text into a tree.
     *
     * @throws IOException on any syntax error, duplicate key or trailing content
     */
    public static JsonNode parse(byte[] utf8) throws IOException {
        try (JsonParser p = MAPPER.createParser(utf8)) {
            JsonNode node = MAPPER.readTree(p);
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty document");
            }
            return node;
        }
    }

    /**
     * Encodes {@code node} canonically.
     *
     * @throws IllegalArgumentException when the tree holds a floating point number (or another
     *                                  value canonical JSON cannot express)
     */
    public static byte[] encode(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(node, out);
        return out.toByteArray();
    }

    private static void write(JsonNode node, ByteArrayOutputStream out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                names.sort(CODE_POINT_ORDER);
                out.write('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    writeString(names.get(i), out);
                    out.write(':');
                    write(node.get(names.get(i)), out);
                }
                out.write('}');
            }
            case ARRAY -> {
                out.write('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    write(node.get(i), out);
                }
                out.write(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException("canonical JSON cannot encode the non-integer " + node);
                }
                out.writeBytes(node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII));
            }
            case BOOLEAN -> out.writeBytes((node.booleanValue() ? "true" : "false").getBytes(StandardCharsets.US_ASCII));
            case NULL -> out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
            default -> throw new IllegalArgumentException("canonical JSON cannot encode a " + node.getNodeType());
        }
    }

    private static void writeString(String s, ByteArrayOutputStream out) {
        String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"");
        out.write('"');
        out.writeBytes(escaped.getBytes(StandardCharsets.UTF_8));
        out.write('"');
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
