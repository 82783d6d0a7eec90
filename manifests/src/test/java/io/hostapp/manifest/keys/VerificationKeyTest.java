package io.hostapp.manifest.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostapp.manifest.json.CanonicalJson;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interop with signatures made by securesystemslib / pyca cryptography (src/test/resources). */
class VerificationKeyTest {

    private static JsonNode vectors() throws Exception {
        try (InputStream in = VerificationKeyTest.class.getResourceAsStream("/securesystemslib-vectors.json")) {
            return CanonicalJson.parse(in.readAllBytes());
        }
    }

    @Test
    void verifiesSignaturesMadeBySecuresystemslib() throws Exception {
        JsonNode v = vectors();
        byte[] payload = v.get("canonical").textValue().getBytes(StandardCharsets.UTF_8);
        int n = 0;
        for (JsonNode vec : v.get("vectors")) {
            VerificationKey key = VerificationKey.fromJson("root", vec.get("keyid").textValue(), vec.get("key"));
            assertTrue(key.verify(payload, vec.get("sig").textValue()), vec.get("note") + " " + key);
            assertFalse(key.verify("other".getBytes(StandardCharsets.UTF_8), vec.get("sig").textValue()));
            n++;
        }
        assertEquals(4, n);
    }

    @Test
    void keyIdIsSha256OfCanonicalKey() throws Exception {
        for (JsonNode vec : vectors().get("vectors")) {
            if (!vec.get("keyid").textValue().equals("max-salt")) {
                assertEquals(vec.get("keyid").textValue(), VerificationKey.computeKeyId(vec.get("key")));
            }
        }
    }

    @Test
    void malformedSignaturesAreInvalidNotErrors() throws Exception {
        JsonNode vec = vectors().get("vectors").get(1);
        VerificationKey key = VerificationKey.fromJson("root", "k", vec.get("key"));
        assertFalse(key.verify(new byte[] {1}, ""));
        assertFalse(key.verify(new byte[] {1}, "zz"));
        assertFalse(key.verify(new byte[] {1}, "3045022100"));
    }

    @Test
    void unknownSchemeParsesButCannotVerify() throws Exception {
        JsonNode k = CanonicalJson.parse("{\"keytype\":\"sphincs\",\"scheme\":\"sphincs-shake\",\"keyval\":{\"public\":\"00\"}}"
                .getBytes(StandardCharsets.UTF_8));
        VerificationKey key = VerificationKey.fromJson("root", "abcd", k);
        assertFalse(key.isSupported());
        assertThrows(UnsupportedSchemeException.class, () -> key.verify(new byte[] {1}, "00"));
    }

    @Test
    void ecdsaAcceptsSchemeNameAsKeyType() {
        assertTrue(SignatureScheme.find("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256").isPresent());
        assertTrue(SignatureScheme.find("ecdsa", "ecdsa-sha2-nistp256").isPresent());
        assertFalse(SignatureScheme.find("rsa", "ecdsa-sha2-nistp256").isPresent());
    }
}
