package io.hostapp.manifest.rollout;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Staged rollout membership. A device is in the rollout of {@code release} at {@code percent} when
 * <pre>
 *   bucket = int(SHA-256(UTF-8(device-id) || UTF-8(release))) mod 100
 *   in rollout  ⇔  bucket &lt; percent
 * </pre>
 * where {@code ||} is plain byte concatenation (no separator, no length prefix), and
 * {@code int(...)} reads the 32-byte digest as ONE unsigned big-endian 256-bit integer, which is then
 * reduced modulo 100 exactly (arbitrary-precision arithmetic, not a truncation to 64 bits). The
 * bucket is stable per device and release, so raising the percentage only ever adds devices; and
 * because the release is hashed in, each release draws a different cohort.
 *
 * <p>Example: {@code bucket("device-0001", "v2")} is whatever this class returns for those inputs;
 * RolloutCohortTest pins a few values so the rule cannot drift.
 */
public final class RolloutCohort {

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private RolloutCohort() {
    }

    /** The device's bucket for {@code release}: 0..99. */
    public static int bucket(String deviceId, String release) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(deviceId.getBytes(StandardCharsets.UTF_8));
            sha.update(release.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, sha.digest()).mod(HUNDRED).intValueExact();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the device is in the rollout; {@code percent} 0 includes nobody, 100 everybody. */
    public static boolean inRollout(String deviceId, String release, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100, got " + percent);
        }
        return bucket(deviceId, release) < percent;
    }
}
