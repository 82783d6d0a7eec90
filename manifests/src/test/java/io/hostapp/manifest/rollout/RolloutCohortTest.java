package io.hostapp.manifest.rollout;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RolloutCohortTest {

    @Test
    void bucketIsTheWholeDigestModHundred() throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest("device-0001v2".getBytes(StandardCharsets.UTF_8));
        int expected = new BigInteger(1, d).mod(BigInteger.valueOf(100)).intValue();
        assertEquals(expected, RolloutCohort.bucket("device-0001", "v2"));
    }

    @Test
    void pinnedValuesSoTheRuleCannotDrift() {
        // computed independently: python3 -c "import hashlib;print(int(hashlib.sha256(b'device-0001v2').hexdigest(),16)%100)"
        assertEquals(PinnedBuckets.DEVICE_0001_V2, RolloutCohort.bucket("device-0001", "v2"));
        assertEquals(PinnedBuckets.ABC_1_0_0, RolloutCohort.bucket("abc", "1.0.0"));
    }

    @Test
    void zeroIncludesNobodyHundredEverybodyAndRaisingOnlyAdds() {
        for (int i = 0; i < 200; i++) {
            String id = "dev-" + i;
            assertFalse(RolloutCohort.inRollout(id, "v3", 0));
            assertTrue(RolloutCohort.inRollout(id, "v3", 100));
            boolean wasIn = false;
            for (int pct = 0; pct <= 100; pct += 10) {
                boolean in = RolloutCohort.inRollout(id, "v3", pct);
                assertTrue(!wasIn || in, "monotonic in percent");
                wasIn = in;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> RolloutCohort.inRollout("d", "v", 101));
    }

    @Test
    void roughlyTheRequestedShareOfAFleet() {
        int in = 0;
        for (int i = 0; i < 10_000; i++) {
            if (RolloutCohort.inRollout("fleet-" + i, "2.1.0", 10)) {
                in++;
            }
        }
        assertTrue(in > 850 && in < 1150, "10% of 10000 devices, got " + in);
    }

    /** Values computed with Python's hashlib (see test above). */
    static final class PinnedBuckets {
        static final int DEVICE_0001_V2 = 39;
        static final int ABC_1_0_0 = 17;
    }
}
