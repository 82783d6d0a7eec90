package io.hostapp.manifest.rollout;

import io.hostapp.manifest.keys.KeyFiles;
import io.hostapp.manifest.keys.SignatureScheme;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.manifest.publish.RoleSigners;
import io.hostapp.manifest.publish.TreeVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The publish → verify → pick path the demo walks: a 10% rollout, then 100%. */
class RolloutsTest {

    @TempDir
    Path dir;

    @Test
    void publishRolloutAndPick() throws Exception {
        SigningKey k = KeyFiles.generate(SignatureScheme.ED25519);
        var one = new RepositoryPublisher.RoleKeys(List.of(k.publicKey()), 1);
        Path repo = dir.resolve("repo");
        RoleSigners all = RoleSigners.none().with("root", k).with("targets", k).with("snapshot", k).with("timestamp", k);
        Clock clock = Clock.systemUTC();
        RepositoryPublisher p = RepositoryPublisher.create(repo, Map.of("root", one, "targets", one, "snapshot", one,
                "timestamp", one), clock, ExpiryPolicy.defaults());
        Path image = dir.resolve("v2.img.zst");
        Files.writeString(image, "v2 image");
        PayloadInfo v2 = new PayloadInfo("sim-uboot", "v2", PayloadKind.FULL, Optional.empty(), 8, "00".repeat(32),
                Map.of(), false);
        Rollouts.addPayload(p, v2, image);
        // a device whose bucket for v2 is >= 10 is excluded at 10%
        String deviceId = "dev";
        for (int i = 0; RolloutCohort.bucket(deviceId, "v2") < 10; i++) {
            deviceId = "dev-" + i;
        }
        assertEquals(1, Rollouts.setRollout(p, "sim-uboot", "v2", "stable", 10));
        p.publish(all);
        DeviceIdentity device = new DeviceIdentity("sim-uboot", "stable", deviceId);
        byte[] root = Files.readAllBytes(repo.resolve("metadata/1.root.json"));
        var targets = TreeVerifier.verify(repo, root, clock).metadata().targets().targets();
        assertEquals(1, Rollouts.verifyPayloads(targets));
        assertEquals(ReleaseDecision.Outcome.NO_RELEASE, ReleasePicker.pick(targets.values(), device, Optional.of("v1")).outcome());

        RepositoryPublisher again = RepositoryPublisher.open(repo, clock, ExpiryPolicy.defaults());
        Rollouts.setRollout(again, "sim-uboot", "v2", "stable", 100);
        again.publish(all);
        targets = TreeVerifier.verify(repo, root, clock).metadata().targets().targets();
        assertEquals(ReleaseDecision.Outcome.UPDATE, ReleasePicker.pick(targets.values(), device, Optional.of("v1")).outcome());
    }
}
