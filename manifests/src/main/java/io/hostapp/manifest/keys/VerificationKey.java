package io.hostapp.manifest.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.json.JsonFields;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A public key as TUF metadata lists it under {@code keys}: key id, {@code keytype}, {@code scheme}
 * and {@code keyval.public}, plus whatever other fields the document carried (kept verbatim in
 * {@link #json()} so the key id and signatures stay over the exact signed content).
 *
 * <p>Supported (keytype / scheme / public value):
 * <table>
 *   <caption>key formats</caption>
 *   <tr><td>{@code ed25519}</td><td>{@code ed25519}</td><td>64 hex digits, the raw 32-byte key</td></tr>
 *   <tr><td>{@code ecdsa} or {@code ecdsa-sha2-nistp256}</td><td>{@code ecdsa-sha2-nistp256}</td>
 *       <td>PEM SubjectPublicKeyInfo; signature is hex DER</td></tr>
 *   <tr><td>{@code ecdsa} or {@code ecdsa-sha2-nistp384}</td><td>{@code ecdsa-sha2-nistp384}</td><td>same</td></tr>
 *   <tr><td>{@code rsa}</td><td>{@code rsassa-pss-sha256|384|512}, {@code rsa-pkcs1v15-sha256|384|512}</td>
 *       <td>PEM SubjectPublicKeyInfo</td></tr>
 * </table>
 * A key of another type parses (so a root may introduce new key types without breaking this client)
 * but never verifies anything: {@link #verify} throws {@link UnsupportedSchemeException}.
 */
public final class VerificationKey {

    private final String keyId;
    private final String keyType;
    private final String scheme;
    private final String publicValue;
    private final ObjectNode json;
    private volatile SignatureScheme.Verifier verifier;

    private VerificationKey(String keyId, String keyType, String scheme, String publicValue, ObjectNode json) {
        this.keyId = keyId;
        this.keyType = keyType;
        this.scheme = scheme;
        this.publicValue = publicValue;
        this.json = json;
    }

    /** Parses one entry of a {@code keys} object. */
    public static VerificationKey fromJson(String role, String keyId, JsonNode node) throws MalformedMetadataException {
        JsonFields f = JsonFields.of(role, "keys." + keyId, node);
        String keyType = f.text("keytype");
        String scheme = f.text("scheme");
        JsonFields keyval = f.object("keyval");
        String pub = keyval.has("public") ? keyval.text("public") : null;
        return new VerificationKey(keyId, keyType, scheme, pub, ((ObjectNode) node).deepCopy());
    }

    /** Builds the metadata entry for a key this repository holds; the key id is computed. */
    public static VerificationKey of(String keyType, String scheme, String publicValue) {
        ObjectNode n = CanonicalJson.mapper().createObjectNode();
        n.put("keytype", keyType);
        n.put("scheme", scheme);
        n.putObject("keyval").put("public", publicValue);
        return new VerificationKey(computeKeyId(n), keyType, scheme, publicValue, n);
    }

    /** securesystemslib's default key id: hex SHA-256 of the canonical JSON of the key object. */
    public static String computeKeyId(JsonNode keyObject) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(CanonicalJson.encode(keyObject));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public String keyType() {
        return keyType;
    }

    public String scheme() {
        return scheme;
    }

    /** The {@code keyval.public} string, or null when absent (only possible for unsupported types). */
    public String publicValue() {
        return publicValue;
    }

    /** The key object exactly as in metadata (without the key id, which is its map key). */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** True when this client implements the key's type and scheme. */
    public boolean isSupported() {
        return SignatureScheme.find(keyType, scheme).isPresent() && publicValue != null;
    }

    /**
     * Checks one signature over {@code payload}.
     *
     * @param signatureHex the {@code sig} string of the signature entry
     * @return false for a wrong signature, a malformed one, or one that is not hex
     * @throws UnsupportedSchemeException when the key type, scheme or public value cannot be used
     */
    public boolean verify(byte[] payload, String signatureHex) throws UnsupportedSchemeException {
        byte[] sig;
        try {
            sig = HexFormat.of().parseHex(signatureHex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (sig.length == 0) {
            return false;
        }
        return verifier().verify(payload, sig);
    }

    private SignatureScheme.Verifier verifier() throws UnsupportedSchemeException {
        SignatureScheme.Verifier v = verifier;
        if (v == null) {
            SignatureScheme s = SignatureScheme.find(keyType, scheme).orElseThrow(() ->
                    new UnsupportedSchemeException("key " + shortId() + ": unsupported keytype/scheme '"
                            + keyType + "/" + scheme + "'"));
            if (publicValue == null) {
                throw new UnsupportedSchemeException("key " + shortId() + ": keyval.public is missing");
            }
            v = s.verifier(publicValue, shortId());
            verifier = v;
        }
        return v;
    }

    /** The first 8 hex digits of the key id, enough to name a key in a message. */
    public String shortId() {
        return keyId.length() > 8 ? keyId.substring(0, 8) : keyId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey k && k.keyId.equals(keyId) && k.json.equals(json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, json);
    }

    @Override
    public String toString() {
        return keyType + "/" + scheme + " " + shortId();
    }
}
