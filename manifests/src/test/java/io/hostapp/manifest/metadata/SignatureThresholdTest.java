package io.hostapp.manifest.metadata;

import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.SignatureException;
import io.hostapp.manifest.UnsupportedKeyException;
import io.hostapp.manifest.keys.KeyFiles;
import io.hostapp.manifest.keys.SignatureScheme;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.keys.VerificationKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignatureThresholdTest {

    private static final SigningKey A = KeyFiles.generate(SignatureScheme.ED25519);
    private static final SigningKey B = KeyFiles.generate(SignatureScheme.ED25519);
    private static final SigningKey C = KeyFiles.generate(SignatureScheme.ECDSA_P256);
    private static final VerificationKey EXOTIC = VerificationKey.of("sphincs", "sphincs-shake-128s", "00ff");

    private static Root root(List<VerificationKey> timestampKeys, int threshold) {
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        keys.put(A.keyId(), A.publicKey());
        timestampKeys.forEach(k -> keys.put(k.keyId(), k));
        Role single = new Role(List.of(A.keyId()), 1);
        Map<String, Role> roles = Map.of("root", single, "snapshot", single, "targets", single,
                "timestamp", new Role(timestampKeys.stream().map(VerificationKey::keyId).toList(), threshold));
        return Root.build(new SignedHeader("root", "1.0.31", 1, Instant.parse("2040-01-01T00:00:00Z")), true, keys, roles);
    }

    private static UnverifiedMetadata<Timestamp> timestamp(Map<String, String> sigsByKeyId, SigningKey... signers)
            throws Exception {
        Timestamp ts = Timestamp.build(new SignedHeader("timestamp", "1.0.31", 1, Instant.parse("2040-01-01T00:00:00Z")),
                new MetaFile(1, OptionalLong.empty(), Map.of()));
        Map<String, String> sigs = new LinkedHashMap<>(sigsByKeyId);
        for (SigningKey k : signers) {
            sigs.put(k.keyId(), k.sign(SignedEnvelope.payload(ts)));
        }
        return UnverifiedMetadata.parse("timestamp", SignedEnvelope.toBytes(ts, sigs), Timestamp::parse);
    }

    @Test
    void thresholdOfDistinctKeysIsAccepted() throws Exception {
        Root root = root(List.of(B.publicKey(), C.publicKey()), 2);
        assertEquals(1, SignatureThreshold.verify(timestamp(Map.of(), B, C), root, "timestamp").signed().version());
    }

    @Test
    void keyCompromiseBelowThreshold() throws Exception {
        Root root = root(List.of(B.publicKey(), C.publicKey()), 2);
        SignatureException e = assertThrows(SignatureException.class,
                () -> SignatureThreshold.verify(timestamp(Map.of(), B), root, "timestamp"));
        assertEquals(Check.THRESHOLD, e.check());
        assertEquals("timestamp: signature threshold: 1 of 2 required signatures from distinct authorized keys", e.getMessage());
    }

    @Test
    void signaturesOfUnauthorizedKeysDoNotCount() throws Exception {
        Root root = root(List.of(B.publicKey()), 1);
        assertThrows(SignatureException.class, () -> SignatureThreshold.verify(timestamp(Map.of(), A, C), root, "timestamp"));
    }

    @Test
    void anInvalidExtraSignatureIsIgnoredOnceThresholdIsMet() throws Exception {
        Root root = root(List.of(B.publicKey(), C.publicKey()), 1);
        SignatureThreshold.verify(timestamp(Map.of(C.keyId(), "3045022100ab"), B), root, "timestamp");
    }

    @Test
    void unknownKeyTypeOrSchemeIsATypedError() throws Exception {
        Root root = root(List.of(EXOTIC), 1);
        UnsupportedKeyException e = assertThrows(UnsupportedKeyException.class,
                () -> SignatureThreshold.verify(timestamp(Map.of(EXOTIC.keyId(), "00")), root, "timestamp"));
        assertEquals(Check.UNSUPPORTED_KEY, e.check());
        assertEquals("timestamp", e.role());
    }

    @Test
    void aRoleThatIsNotDelegatedCannotBeVerified() throws Exception {
        Root root = root(List.of(B.publicKey()), 1);
        assertThrows(SignatureException.class, () -> SignatureThreshold.verify(timestamp(Map.of(), B), root, "mirror"));
    }
}
