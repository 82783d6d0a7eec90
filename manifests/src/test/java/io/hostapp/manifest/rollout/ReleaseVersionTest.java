package io.hostapp.manifest.rollout;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReleaseVersionTest {

    @Test
    void ordersAsDocumented() {
        List<String> v = new ArrayList<>(List.of("2024.1", "10.1", "v10", "2.1.0", "2.1.0-rc2", "v9", "2.1.0-rc10", "2"));
        v.sort(ReleaseVersion.ORDER);
        assertEquals(List.of("2", "2.1.0-rc2", "2.1.0-rc10", "2.1.0", "v9", "v10", "10.1", "2024.1"), v);
        assertEquals(0, ReleaseVersion.compare("v2", "2.0"));
        assertEquals(0, ReleaseVersion.compare("V1.0.0", "1"));
    }
}
