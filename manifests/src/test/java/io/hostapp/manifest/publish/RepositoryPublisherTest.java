package io.hostapp.manifest.publish;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.SignatureException;
import io.hostapp.manifest.keys.KeyFiles;
import io.hostapp.manifest.keys.SignatureScheme;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.metadata.Root;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepositoryPublisherTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final SigningKey ROOT1 = KeyFiles.generate(SignatureScheme.ED25519);
    private static final SigningKey ROOT2 = KeyFiles.generate(SignatureScheme.ED25519);
    private static final SigningKey NEW_ROOT = KeyFiles.generate(SignatureScheme.ECDSA_P256);
    private static final SigningKey TARGETS = KeyFiles.generate(SignatureScheme.ED25519);
    private static final SigningKey SNAPSHOT = KeyFiles.generate(SignatureScheme.ED25519);
    private static final SigningKey TIMESTAMP = KeyFiles.generate(SignatureScheme.ED25519);

    @TempDir
    Path dir;
    Path repoDir;
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private RoleSigners online() {
        return RoleSigners.none().with("targets", TARGETS).with("snapshot", SNAPSHOT).with("timestamp", TIMESTAMP);
    }

    private RepositoryPublisher open() throws ManifestException {
        return RepositoryPublisher.open(repoDir, clock, ExpiryPolicy.defaults());
    }

    @BeforeEach
    void init() throws Exception {
        repoDir = dir.resolve("repo");
        RepositoryPublisher p = RepositoryPublisher.create(repoDir, Map.of(
                "root", new RepositoryPublisher.RoleKeys(List.of(ROOT1.publicKey(), ROOT2.publicKey()), 2),
                "targets", new RepositoryPublisher.RoleKeys(List.of(TARGETS.publicKey()), 1),
                "snapshot", new RepositoryPublisher.RoleKeys(List.of(SNAPSHOT.publicKey()), 1),
                "timestamp", new RepositoryPublisher.RoleKeys(List.of(TIMESTAMP.publicKey()), 1)), clock, ExpiryPolicy.defaults());
        p.publish(online().with("root", ROOT1, ROOT2));
    }

    private byte[] rootV1() throws Exception {
        return Files.readAllBytes(repoDir.resolve("metadata/1.root.json"));
    }

    @Test
    void initPublishesAConsistentSnapshotTreeWithDefaultExpiries() throws Exception {
        for (String f : List.of("1.root.json", "root.json", "1.targets.json", "1.snapshot.json", "timestamp.json")) {
            assertTrue(Files.exists(repoDir.resolve("metadata").resolve(f)), f);
        }
        TreeVerifier.Report r = TreeVerifier.verify(repoDir, rootV1(), clock);
        assertTrue(r.metadata().root().consistentSnapshot());
        assertEquals(NOW.plus(Duration.ofDays(365)), r.metadata().root().expires());
        assertEquals(NOW.plus(Duration.ofDays(90)), r.metadata().targets().expires());
        assertEquals(NOW.plus(Duration.ofDays(7)), r.metadata().snapshot().expires());
        assertEquals(NOW.plus(Duration.ofDays(1)), r.metadata().timestamp().expires());
        assertFalse(Files.exists(repoDir.resolve("staging/root.json")));
    }

    @Test
    void addedTargetsAreStoredHashPrefixedAndVerifiable() throws Exception {
        Path image = dir.resolve("image.zst");
        Files.writeString(image, "payload");
        RepositoryPublisher p = open();
        var t = p.addTarget("rpi4/2.0/full.img.zst", image, Optional.empty());
        assertTrue(Files.exists(repoDir.resolve("targets/rpi4/2.0/" + t.sha256().orElseThrow() + ".full.img.zst")));
        RepositoryPublisher.PublishResult r = p.publish(online());
        assertEquals(2, r.targetsVersion());
        TreeVerifier.Report report = TreeVerifier.verify(repoDir, rootV1(), clock);
        assertEquals(1, report.targetsVerified());
        assertEquals(7, report.metadata().targets().targets().get("rpi4/2.0/full.img.zst").length());
    }

    @Test
    void verifyCatchesATamperedTarget() throws Exception {
        Path image = dir.resolve("image");
        Files.writeString(image, "payload");
        RepositoryPublisher p = open();
        var t = p.addTarget("a.img", image, Optional.empty());
        p.publish(online());
        Files.writeString(repoDir.resolve("targets/" + t.sha256().orElseThrow() + ".a.img"), "PAYLOAD");
        assertThrows(io.hostapp.manifest.LengthOrHashMismatchException.class, () -> TreeVerifier.verify(repoDir, rootV1(), clock));
    }

    @Test
    void aMissingKeyChangesNothing() throws Exception {
        RepositoryPublisher p = open();
        List<String> before = listing();
        SignatureException e = assertThrows(SignatureException.class,
                () -> p.publish(RoleSigners.none().with("targets", TARGETS).with("snapshot", SNAPSHOT)));
        assertEquals("timestamp", e.role());
        assertEquals(before, listing());
    }

    @Test
    void timestampCanBeRefreshedAlone() throws Exception {
        clock = Clock.fixed(NOW.plus(Duration.ofHours(20)), ZoneOffset.UTC);
        RepositoryPublisher.PublishResult r = open().refreshTimestamp(online());
        assertEquals(2, r.timestampVersion());
        assertEquals(1, r.snapshotVersion());
        Clock later = Clock.fixed(NOW.plus(Duration.ofHours(30)), ZoneOffset.UTC);
        assertEquals(2, TreeVerifier.verify(repoDir, rootV1(), later).metadata().timestamp().version());
    }

    @Test
    void rootRotationNeedsThresholdsOfOldAndNewKeys() throws Exception {
        RepositoryPublisher p = open();
        Root staged = p.rotateKeys("root", List.of(NEW_ROOT.publicKey()), 1);
        assertEquals(2, staged.version());
        // new key alone: old threshold (2 of ROOT1, ROOT2) not met
        assertThrows(SignatureException.class, () -> p.publish(online().with("root", NEW_ROOT)));
        // one old key more: still 1 of 2 old
        assertThrows(SignatureException.class, () -> open().publish(online().with("root", ROOT1)));
        open().publish(online().with("root", ROOT2));
        TreeVerifier.Report r = TreeVerifier.verify(repoDir, rootV1(), clock);
        assertEquals(2, r.metadata().root().version());
        assertEquals(List.of(NEW_ROOT.keyId()), r.metadata().root().roles().get("root").keyIds());
    }

    @Test
    void offlineRootSigningByDetachedSignatures() throws Exception {
        RepositoryPublisher p = open();
        p.rotateKeys("timestamp", List.of(TARGETS.publicKey()), 1);
        byte[] toSign = p.rootSigningPayload();
        // on the offline machine
        String sig1 = ROOT1.sign(toSign);
        String sig2 = ROOT2.sign(toSign);
        RepositoryPublisher back = open();
        SignatureException bad = assertThrows(SignatureException.class,
                () -> back.addRootSignature(ROOT1.keyId(), sig2));
        assertEquals(Check.THRESHOLD, bad.check());
        back.addRootSignature(ROOT1.keyId(), sig1);
        back.addRootSignature(ROOT2.keyId(), sig2.toUpperCase());
        RepositoryPublisher.PublishResult r = open().publish(RoleSigners.none().with("targets", TARGETS).with("snapshot", SNAPSHOT)
                .with("timestamp", TARGETS));
        assertEquals(2, r.rootVersion());
        assertEquals(new String(toSign, StandardCharsets.UTF_8),
                new String(io.hostapp.manifest.json.CanonicalJson.encode(
                        io.hostapp.manifest.json.CanonicalJson.parse(Files.readAllBytes(repoDir.resolve("metadata/2.root.json")))
                                .get("signed")), StandardCharsets.UTF_8));
        assertEquals(2, TreeVerifier.verify(repoDir, rootV1(), clock).metadata().root().version());
    }

    @Test
    void renewedRootKeepsKeysAndExtendsExpiry() throws Exception {
        clock = Clock.fixed(NOW.plus(Duration.ofDays(300)), ZoneOffset.UTC);
        RepositoryPublisher p = open();
        Root r = p.renewRoot();
        assertEquals(NOW.plus(Duration.ofDays(665)), r.expires());
        p.publish(online().with("root", ROOT1, ROOT2));
        assertEquals(2, TreeVerifier.verify(repoDir, rootV1(), clock).metadata().root().version());
    }

    private List<String> listing() throws Exception {
        try (Stream<Path> s = Files.walk(repoDir)) {
            return s.map(p -> repoDir.relativize(p) + ":" + (Files.isRegularFile(p) ? p.toFile().length() : -1)).sorted().toList();
        }
    }

}
