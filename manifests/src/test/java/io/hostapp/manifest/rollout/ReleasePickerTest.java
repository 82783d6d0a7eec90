package io.hostapp.manifest.rollout;

import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.ReleaseRejectedException;
import io.hostapp.manifest.metadata.TargetFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleasePickerTest {

    private static final String SHA = "cd".repeat(32);
    private final DeviceIdentity device = new DeviceIdentity("rpi4", "stable", "device-0001");
    private final List<TargetFile> targets = new ArrayList<>();

    private TargetFile add(String board, String version, PayloadKind kind, String from, Map<String, Integer> channels,
                           boolean allowDowngrade) {
        PayloadInfo info = new PayloadInfo(board, version, kind, Optional.ofNullable(from), 100, SHA, channels, allowDowngrade);
        TargetFile t = new TargetFile(info.conventionalPath(), 10, Map.of("sha256", SHA), Optional.of(info.toCustom()));
        targets.add(t);
        return t;
    }

    private ReleaseDecision pick(String running) throws Exception {
        return ReleasePicker.pick(targets, device, Optional.ofNullable(running));
    }

    @Test
    void picksTheHighestReleaseOfThisBoardAndChannel() throws Exception {
        add("rpi4", "v1", PayloadKind.FULL, null, Map.of("stable", 100), false);
        add("rpi4", "v2", PayloadKind.FULL, null, Map.of("stable", 100), false);
        add("rpi4", "v3", PayloadKind.FULL, null, Map.of("beta", 100), false);
        add("x86", "v9", PayloadKind.FULL, null, Map.of("stable", 100), false);
        ReleaseDecision d = pick("v1");
        assertEquals(ReleaseDecision.Outcome.UPDATE, d.outcome());
        assertEquals("v2", d.version().orElseThrow());
        assertEquals("rpi4/v2/full.img.zst", d.payload().orElseThrow().path());
        assertEquals(ReleaseDecision.Outcome.UP_TO_DATE, pick("v2").outcome());
    }

    @Test
    void aDeviceOutsideTheRolloutStaysOnItsRelease() throws Exception {
        add("rpi4", "v1", PayloadKind.FULL, null, Map.of("stable", 100), false);
        int bucket = RolloutCohort.bucket(device.deviceId(), "v2");
        add("rpi4", "v2", PayloadKind.FULL, null, Map.of("stable", bucket), false); // excludes exactly this device
        assertEquals(ReleaseDecision.Outcome.UP_TO_DATE, pick("v1").outcome());
        targets.remove(1);
        add("rpi4", "v2", PayloadKind.FULL, null, Map.of("stable", bucket + 1), false);
        assertEquals("v2", pick("v1").version().orElseThrow());
    }

    @Test
    void prefersTheDeltaFromTheRunningVersion() throws Exception {
        add("rpi4", "v2", PayloadKind.FULL, null, Map.of("stable", 100), false);
        add("rpi4", "v2", PayloadKind.DELTA, "v0", Map.of(), false);
        add("rpi4", "v2", PayloadKind.DELTA, "v1", Map.of(), false);
        assertEquals("rpi4/v2/delta-from-v1.bin", pick("v1").payload().orElseThrow().path());
        assertEquals("rpi4/v2/full.img.zst", pick("v1.5").payload().orElseThrow().path());
    }

    @Test
    void refusesDowngradesUnlessSignedAsAllowed() throws Exception {
        add("rpi4", "v2", PayloadKind.FULL, null, Map.of("stable", 100), false);
        assertEquals(ReleaseDecision.Outcome.DOWNGRADE_REFUSED, pick("v3").outcome());
        targets.clear();
        add("rpi4", "v2", PayloadKind.FULL, null, Map.of("stable", 100), true);
        ReleaseDecision d = pick("v3");
        assertEquals(ReleaseDecision.Outcome.DOWNGRADE, d.outcome());
        assertTrue(d.shouldInstall());
    }

    @Test
    void nothingForThisBoardOrChannel() throws Exception {
        add("x86", "v2", PayloadKind.FULL, null, Map.of("stable", 100), false);
        add("rpi4", "v2", PayloadKind.FULL, null, Map.of("beta", 100), false);
        assertEquals(ReleaseDecision.Outcome.NO_RELEASE, pick("v1").outcome());
    }

    @Test
    void wrongBoardIsATypedRejection() throws Exception {
        TargetFile t = add("x86", "v2", PayloadKind.FULL, null, Map.of("stable", 100), false);
        ReleaseRejectedException e = assertThrows(ReleaseRejectedException.class, () -> ReleasePicker.requireInstallable(
                t, PayloadInfo.fromTarget(t).orElseThrow(), device, Optional.of("v1")));
        assertEquals(Check.RELEASE, e.check());
        assertEquals("x86/v2/full.img.zst: release: built for board 'x86', this device is 'rpi4'", e.getMessage());
    }

    @Test
    void deltaFromAnotherVersionAndUnsignedDowngradeAreRejected() throws Exception {
        TargetFile delta = add("rpi4", "v3", PayloadKind.DELTA, "v1", Map.of(), false);
        assertThrows(ReleaseRejectedException.class, () -> ReleasePicker.requireInstallable(
                delta, PayloadInfo.fromTarget(delta).orElseThrow(), device, Optional.of("v2")));
        TargetFile old = add("rpi4", "v1", PayloadKind.FULL, null, Map.of("stable", 100), false);
        assertThrows(ReleaseRejectedException.class, () -> ReleasePicker.requireInstallable(
                old, PayloadInfo.fromTarget(old).orElseThrow(), device, Optional.of("v2")));
    }
}
