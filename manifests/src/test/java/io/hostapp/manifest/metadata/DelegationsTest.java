package io.hostapp.manifest.metadata;

import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.json.CanonicalJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelegationsTest {

    private static Targets targets(String delegations) throws Exception {
        String json = "{\"_type\":\"targets\",\"spec_version\":\"1.0\",\"version\":1,\"expires\":\"2030-01-01T00:00:00Z\","
                + "\"targets\":{},\"delegations\":" + delegations + "}";
        return Targets.parse(CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8)), "targets");
    }

    private static String role(String name, boolean terminating, String matcher) {
        return "{\"name\":\"" + name + "\",\"keyids\":[\"k\"],\"threshold\":1,\"terminating\":" + terminating + "," + matcher + "}";
    }

    @Test
    void candidatesKeepListedOrderAndTerminatingFlag() throws Exception {
        Targets t = targets("{\"keys\":{},\"roles\":[" + role("a", false, "\"paths\":[\"rpi4/*\"]") + ","
                + role("b", true, "\"paths\":[\"*/*\"]") + "," + role("c", false, "\"paths\":[\"x86/*\"]") + "]}");
        assertEquals(List.of(new Delegations.Candidate("a", false), new Delegations.Candidate("b", true)),
                t.delegations().orElseThrow().rolesFor("rpi4/img"));
        assertTrue(t.keysFor("c").isPresent());
        assertTrue(t.keysFor("d").isEmpty());
    }

    @Test
    void pathHashPrefixesMatchTheSha256OfThePath() throws Exception {
        // sha256("a") starts with "ca97"
        Targets t = targets("{\"keys\":{},\"roles\":[" + role("bin", false, "\"path_hash_prefixes\":[\"ca9\"]") + "]}");
        assertEquals(1, t.delegations().orElseThrow().rolesFor("a").size());
        assertEquals(0, t.delegations().orElseThrow().rolesFor("b").size());
    }

    @Test
    void succinctRolesDelegateEveryPathToOneTerminatingBin() throws Exception {
        Targets t = targets("{\"keys\":{},\"succinct_roles\":{\"keyids\":[\"k\"],\"threshold\":1,\"bit_length\":4,"
                + "\"name_prefix\":\"bins\"}}");
        assertEquals(List.of(new Delegations.Candidate("bins-c", true)), t.delegations().orElseThrow().rolesFor("a"));
        assertTrue(t.keysFor("bins-0").isPresent());
        assertTrue(t.keysFor("bins-10").isEmpty());
    }

    @Test
    void invalidDelegationsAreMalformed() {
        assertThrows(MalformedMetadataException.class, () -> targets("{\"keys\":{},\"roles\":[" + role("targets", false,
                "\"paths\":[]") + "]}"));
        assertThrows(MalformedMetadataException.class, () -> targets("{\"keys\":{},\"roles\":[" + role("a", false,
                "\"paths\":[],\"path_hash_prefixes\":[]") + "]}"));
        assertThrows(MalformedMetadataException.class, () -> targets("{\"keys\":{},\"roles\":[" + role("a", false,
                "\"paths\":[]") + "," + role("a", false, "\"paths\":[]") + "]}"));
        assertThrows(MalformedMetadataException.class, () -> targets("{\"keys\":{},\"roles\":[],\"succinct_roles\":"
                + "{\"keyids\":[],\"threshold\":1,\"bit_length\":4,\"name_prefix\":\"b\"}}"));
    }
}
