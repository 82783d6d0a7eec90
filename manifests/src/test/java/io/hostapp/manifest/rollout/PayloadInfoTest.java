package io.hostapp.manifest.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.metadata.TargetFile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadInfoTest {

    static final String SHA = "ab".repeat(32);

    static TargetFile target(String path, ObjectNode custom) {
        return new TargetFile(path, 10, Map.of("sha256", SHA), Optional.ofNullable(custom));
    }

    @Test
    void roundTripsThroughCustom() throws Exception {
        PayloadInfo info = new PayloadInfo("rpi4", "2.1.0", PayloadKind.DELTA, Optional.of("2.0.0"), 1 << 20, SHA.toUpperCase(),
                Map.of("stable", 10), true);
        PayloadInfo back = PayloadInfo.fromTarget(target(info.conventionalPath(), info.toCustom())).orElseThrow();
        assertEquals(info, back);
        assertEquals(SHA, back.imageSha256());
        assertEquals("rpi4/2.1.0/delta-from-2.0.0.bin", info.conventionalPath());
        assertEquals("{\"hostapp\":{\"board\":\"rpi4\",\"version\":\"2.1.0\",\"kind\":\"delta\",\"from\":\"2.0.0\","
                + "\"image\":{\"length\":1048576,\"sha256\":\"" + SHA + "\"},\"channels\":{\"stable\":10},"
                + "\"allow_downgrade\":true}}", info.toCustom().toString());
    }

    @Test
    void targetsWithoutHostappFieldsAreNotPayloads() throws Exception {
        assertTrue(PayloadInfo.fromTarget(target("readme.txt", null)).isEmpty());
    }

    @Test
    void unknownOrInvalidFieldsNameTheTarget() {
        ObjectNode c = new PayloadInfo("rpi4", "2", PayloadKind.FULL, Optional.empty(), 1, SHA, Map.of(), false).toCustom();
        ((ObjectNode) c.get("hostapp")).put("bord", "x");
        MalformedMetadataException e = assertThrows(MalformedMetadataException.class,
                () -> PayloadInfo.fromTarget(target("rpi4/2/full.img.zst", c)));
        assertEquals("rpi4/2/full.img.zst", e.role());
        ((ObjectNode) c.get("hostapp")).remove("bord");
        ((ObjectNode) c.get("hostapp")).putObject("channels").put("stable", 101);
        assertThrows(MalformedMetadataException.class, () -> PayloadInfo.fromTarget(target("p", c)));
        ((ObjectNode) c.get("hostapp")).putObject("channels");
        ((ObjectNode) c.get("hostapp")).put("kind", "delta");
        assertThrows(MalformedMetadataException.class, () -> PayloadInfo.fromTarget(target("p", c)));
    }
}
