package io.hostapp.manifest.metadata;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuccinctRolesTest {

    private final SuccinctRoles bins = new SuccinctRoles(new Role(List.of("k"), 1), 8, "bin");

    @Test
    void binIsFirstBitsOfPathHashZeroPadded() {
        // sha256("a") = ca978112...: first byte 0xca with bit_length 8
        assertEquals("bin-ca", bins.roleFor("a"));
        assertEquals("bin-1", new SuccinctRoles(new Role(List.of("k"), 1), 1, "bin").roleFor("a"));
        assertEquals(256, bins.numberOfBins());
    }

    @Test
    void recognizesOnlyItsOwnBinNames() {
        assertTrue(bins.isDelegatedRole("bin-00"));
        assertTrue(bins.isDelegatedRole("bin-ff"));
        assertFalse(bins.isDelegatedRole("bin-100"));
        assertFalse(bins.isDelegatedRole("bin-f"));
        assertFalse(bins.isDelegatedRole("other-00"));
    }
}
