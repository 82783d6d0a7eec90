package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.json.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the metadata envelope {@code {"signatures": [...], "signed": {...}}} (see
 * {@link UnverifiedMetadata} for the format). Output is indented for people reading a repository;
 * signatures never depend on it, as they cover the canonical form of {@code signed}.
 */
public final class SignedEnvelope {

    private SignedEnvelope() {
    }

    /** The bytes every signature of {@code signed} must cover: its canonical JSON. */
    public static byte[] payload(Signed signed) {
        return CanonicalJson.encode(signed.json());
    }

    /** Serializes {@code signed} with {@code signatures} (key id to hex signature). */
    public static byte[] toBytes(Signed signed, Map<String, String> signatures) {
        ObjectNode doc = CanonicalJson.mapper().createObjectNode();
        ArrayNode sigs = doc.putArray("signatures");
        signatures.forEach((keyId, sig) -> sigs.addObject().put("keyid", keyId).put("sig", sig));
        doc.set("signed", signed.json());
        try {
            String text = CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
