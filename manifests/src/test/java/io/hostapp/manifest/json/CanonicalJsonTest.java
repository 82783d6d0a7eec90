package io.hostapp.manifest.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CanonicalJsonTest {

    static JsonNode vectors() throws IOException {
        try (InputStream in = CanonicalJsonTest.class.getResourceAsStream("/securesystemslib-vectors.json")) {
            return CanonicalJson.parse(in.readAllBytes());
        }
    }

    @Test
    void encodesExactlyAsSecuresystemslib() throws IOException {
        JsonNode v = vectors();
        // sorted by code point (U+FFFF before U+1F600, unlike UTF-16 order), only \ and " escaped,
        // control characters and non-ASCII raw, big integers exact
        assertArrayEquals(v.get("canonical").textValue().getBytes(StandardCharsets.UTF_8),
                CanonicalJson.encode(v.get("object")));
    }

    @Test
    void writesNoWhitespaceAndSortsNestedKeys() throws IOException {
        JsonNode n = CanonicalJson.parse("{ \"b\": {\"z\": 1, \"a\": [true, null]}, \"a\": \"x\" }".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"a\":\"x\",\"b\":{\"a\":[true,null],\"z\":1}}", new String(CanonicalJson.encode(n), StandardCharsets.UTF_8));
    }

    @Test
    void refusesFloats() throws IOException {
        JsonNode n = CanonicalJson.parse("{\"a\": 1.5}".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.encode(n));
    }

    @Test
    void parserRejectsDuplicateKeysAndTrailingContent() {
        assertThrows(IOException.class, () -> CanonicalJson.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> CanonicalJson.parse("{\"a\":1} {}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> CanonicalJson.parse(new byte[0]));
    }
}
