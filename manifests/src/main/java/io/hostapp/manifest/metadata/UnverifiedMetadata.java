package io.hostapp.manifest.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.SignatureException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.json.JsonFields;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A metadata document that parsed but whose signatures have NOT been checked: nothing in it may be
 * trusted yet. The only way to a {@link VerifiedMetadata} is {@link SignatureThreshold#verify}.
 *
 * <p>Envelope format (TUF 1.0 section 4.2):
 * <pre>
 * { "signatures": [ {"keyid": hex, "sig": hex}, ... ],   key ids must be unique
 *   "signed": { "_type": ..., ... } }                     signatures cover canonical JSON of this object
 * </pre>
 *
 * @param bytes          the document exactly as received (what gets persisted once verified)
 * @param signedBytes    canonical JSON of {@code signed}: the payload the signatures are over
 * @param signatures     key id to hex signature, in document order
 * @param untrustedSigned the parsed {@code signed} object, not yet trustworthy
 */
public record UnverifiedMetadata<T extends Signed>(String role, byte[] bytes, byte[] signedBytes,
                                                   Map<String, String> signatures, T untrustedSigned) {

    /** Parses one role's signed object, e.g. {@code Timestamp::parse}. */
    @FunctionalInterface
    public interface SignedParser<T extends Signed> {
        T parse(JsonNode signed, String role) throws MalformedMetadataException;
    }

    public UnverifiedMetadata {
        signatures = Collections.unmodifiableMap(new LinkedHashMap<>(signatures));
        bytes = bytes.clone();
        signedBytes = signedBytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public byte[] signedBytes() {
        return signedBytes.clone();
    }

    /**
     * Parses {@code bytes} as metadata for {@code role} whose {@code signed} object is read by {@code parser}.
     *
     * @throws MalformedMetadataException not JSON, wrong shape, wrong {@code _type}, not canonicalizable
     * @throws SignatureException         two signatures with the same key id
     */
    public static <T extends Signed> UnverifiedMetadata<T> parse(String role, byte[] bytes, SignedParser<T> parser)
            throws MalformedMetadataException, SignatureException {
        JsonNode doc;
        try {
            doc = CanonicalJson.parse(bytes);
        } catch (IOException e) {
            throw new MalformedMetadataException(role, Check.MALFORMED, "not valid JSON: " + firstLine(e.getMessage()), e);
        }
        JsonFields f = JsonFields.of(role, "", doc);
        JsonNode sigs = f.require("signatures");
        if (!sigs.isArray()) {
            throw f.fail("signatures", "must be a list");
        }
        Map<String, String> signatures = new LinkedHashMap<>();
        for (int i = 0; i < sigs.size(); i++) {
            JsonFields s = JsonFields.of(role, "signatures[" + i + "]", sigs.get(i));
            String keyId = s.text("keyid");
            if (signatures.put(keyId, s.text("sig")) != null) {
                throw new SignatureException(role, Check.DUPLICATE_SIGNATURE, "key " + keyId + " signed more than once");
            }
        }
        JsonNode signedNode = f.object("signed").node();
        T signed = parser.parse(signedNode, role);
        byte[] canonical;
        try {
            canonical = CanonicalJson.encode(signedNode);
        } catch (IllegalArgumentException e) {
            throw new MalformedMetadataException(role, Check.MALFORMED, e.getMessage(), e);
        }
        return new UnverifiedMetadata<>(role, bytes, canonical, signatures, signed);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
