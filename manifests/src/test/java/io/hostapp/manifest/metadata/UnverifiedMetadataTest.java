package io.hostapp.manifest.metadata;

import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.MetadataException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.SignatureException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnverifiedMetadataTest {

    private static final String TS = "{\"_type\":\"timestamp\",\"spec_version\":\"1.0.31\",\"version\":%s,"
            + "\"expires\":\"%s\",\"meta\":{\"snapshot.json\":{\"version\":1}}%s}";

    private static byte[] doc(String sigs, String version, String expires, String extra) {
        return ("{\"signatures\":[" + sigs + "],\"signed\":" + String.format(TS, version, expires, extra) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static MetadataException fails(byte[] doc) {
        return assertThrows(MetadataException.class, () -> UnverifiedMetadata.parse("timestamp", doc, Timestamp::parse));
    }

    @Test
    void parsesAndKeepsUnknownFieldsInTheSignedBytes() throws Exception {
        UnverifiedMetadata<Timestamp> md = UnverifiedMetadata.parse("timestamp",
                doc("", "3", "2030-01-01T00:00:00Z", ",\"x-custom\":{\"b\":1}"), Timestamp::parse);
        assertEquals(3, md.untrustedSigned().version());
        assertTrue(new String(md.signedBytes(), StandardCharsets.UTF_8).contains("\"x-custom\":{\"b\":1}"));
    }

    @Test
    void malformedInputsNameTheRoleAndTheField() {
        assertEquals(Check.MALFORMED, fails("{".getBytes(StandardCharsets.UTF_8)).check());
        assertTrue(fails(doc("", "0", "2030-01-01T00:00:00Z", "")).getMessage().contains("'signed.version'"));
        assertTrue(fails(doc("", "true", "2030-01-01T00:00:00Z", "")).getMessage().contains("must be an integer"));
        assertTrue(fails(doc("", "1.0", "2030-01-01T00:00:00Z", "")).getMessage().contains("must be an integer"));
        assertTrue(fails(doc("", "1", "2030-01-01T00:00:00+00:00", "")).getMessage().contains("expires"));
        assertEquals("timestamp", fails(doc("", "1", "2030-01-01T00:00:00Z", ",\"f\":1.5")).role());
    }

    @Test
    void duplicateSignatureKeyIds() {
        String sig = "{\"keyid\":\"ab\",\"sig\":\"00\"}";
        MetadataException e = fails(doc(sig + "," + sig, "1", "2030-01-01T00:00:00Z", ""));
        assertTrue(e instanceof SignatureException);
        assertEquals(Check.DUPLICATE_SIGNATURE, e.check());
    }

    @Test
    void wrongTypeIsRefusedBeforeAnythingElse() {
        byte[] d = doc("", "1", "2030-01-01T00:00:00Z", "");
        MetadataException e = assertThrows(MalformedMetadataException.class,
                () -> UnverifiedMetadata.parse("snapshot", d, Snapshot::parse));
        assertEquals(Check.TYPE, e.check());
        assertEquals("snapshot: type: expected _type 'snapshot', got 'timestamp'", e.getMessage());
    }

    @Test
    void rootWithRepeatedKeyIdsInARoleIsMalformed() {
        String root = "{\"signatures\":[],\"signed\":{\"_type\":\"root\",\"spec_version\":\"1.0\",\"version\":1,"
                + "\"expires\":\"2030-01-01T00:00:00Z\",\"keys\":{},\"roles\":{"
                + "\"root\":{\"keyids\":[\"a\",\"a\"],\"threshold\":2},\"timestamp\":{\"keyids\":[],\"threshold\":1},"
                + "\"snapshot\":{\"keyids\":[],\"threshold\":1},\"targets\":{\"keyids\":[],\"threshold\":1}}}}";
        MetadataException e = assertThrows(MalformedMetadataException.class,
                () -> UnverifiedMetadata.parse("root", root.getBytes(StandardCharsets.UTF_8), Root::parse));
        assertTrue(e.getMessage().contains("repeats 'a'"), e.getMessage());
    }
}
