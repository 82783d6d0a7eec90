package io.hostapp.manifest.client;

import io.hostapp.manifest.DownloadException;
import io.hostapp.manifest.ExpiredMetadataException;
import io.hostapp.manifest.LengthOrHashMismatchException;
import io.hostapp.manifest.MalformedMetadataException;
import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.MetadataException;
import io.hostapp.manifest.MetadataException.Check;
import io.hostapp.manifest.RollbackException;
import io.hostapp.manifest.SignatureException;
import io.hostapp.manifest.metadata.TargetFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.hostapp.manifest.client.SimulatedRepository.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client workflow against an in-memory repository, one test per attack class of TUF plus the bad
 * inputs of issue 3. Every failure must be a typed exception with a one-line "role: check: detail"
 * message and must leave the trusted metadata directory byte-for-byte as it was.
 */
class RepositoryClientTest {

    @TempDir
    Path dir;
    Path md;
    SimulatedRepository repo;

    @BeforeEach
    void setUp() throws ManifestException {
        md = dir.resolve("metadata");
        repo = new SimulatedRepository();
        RepositoryClient.bootstrap(md, repo.rootV1());
    }

    private TrustedMetadata refresh() throws ManifestException {
        return new RepositoryClient(repo.config(md)).refresh();
    }

    private Map<String, String> trustedFiles() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(md)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), SimulatedRepository.sha256(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    private static final List<String> CHAIN = List.of("root", "timestamp", "snapshot", "targets");

    /**
     * Runs {@code action} and expects {@code type} for {@code role}/{@code check}. The failing role's
     * trusted file, and those of every role after it in the chain, must be left as they were (roles
     * before it may legitimately have updated, as TUF prescribes); a failed target download must
     * change no metadata at all.
     */
    private <T extends MetadataException> T fails(Class<T> type, String role, Check check, Executable action)
            throws IOException {
        Map<String, String> before = trustedFiles();
        T e = assertThrows(type, action);
        assertEquals(role, e.role());
        assertEquals(check, e.check());
        assertTrue(e.getMessage().startsWith(role + ": " + check.label() + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        Map<String, String> after = trustedFiles();
        int from = CHAIN.indexOf(role);
        if (from < 0 && !before.containsKey(role + ".json") && !e.getMessage().contains(".json")
                && !after.containsKey(role + ".json")) {
            // a target path or a delegated role: the top-level metadata must not have changed either
            for (String r : CHAIN) {
                assertEquals(before.get(r + ".json"), after.get(r + ".json"), r + " left as it was");
            }
        } else {
            for (String r : CHAIN.subList(Math.max(from, 0), CHAIN.size())) {
                assertEquals(before.get(r + ".json"), after.get(r + ".json"), r + " left as it was");
            }
        }
        assertEquals(before.get(role + ".json"), after.get(role + ".json"), role + " left as it was");
        return e;
    }

    @Test
    void refreshPersistsTheExactDownloadedBytes() throws Exception {
        TrustedMetadata t = refresh();
        assertEquals(1, t.targets().version());
        assertArrayEquals(repo.files.get("metadata/timestamp.json"), Files.readAllBytes(md.resolve("timestamp.json")));
        assertArrayEquals(repo.files.get("metadata/1.snapshot.json"), Files.readAllBytes(md.resolve("snapshot.json")));
        assertEquals(List.of("metadata/2.root.json", "metadata/timestamp.json", "metadata/1.snapshot.json",
                "metadata/1.targets.json"), repo.requests);
        try (Stream<Path> s = Files.list(md)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temp files left");
        }
    }

    @Test
    void arbitraryInstallation_targetReplacedOnServer() throws Exception {
        TargetFile t = repo.addTarget("rpi4/2.0/full.img.zst", "good image".getBytes(StandardCharsets.UTF_8));
        repo.publishTargetsSnapshotTimestamp();
        repo.serveTarget(t, "evil image".getBytes(StandardCharsets.UTF_8));
        RepositoryClient client = new RepositoryClient(repo.config(md));
        TargetFile found = client.findTarget(t.path()).orElseThrow();
        Path out = dir.resolve("payload");
        fails(LengthOrHashMismatchException.class, t.path(), Check.HASH, () -> client.download(found, out));
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void arbitraryInstallation_metadataSignedByAnUntrustedKey() throws Exception {
        refresh();
        repo.signers.put("targets", List.of(key(9)));
        repo.publishTargetsSnapshotTimestamp();
        fails(SignatureException.class, "targets", Check.THRESHOLD, this::refresh);
    }

    @Test
    void rollback_olderTimestamp() throws Exception {
        byte[] v1 = repo.files.get("metadata/timestamp.json");
        repo.publishTimestamp();
        refresh();
        repo.files.put("metadata/timestamp.json", v1);
        fails(RollbackException.class, "timestamp", Check.ROLLBACK, this::refresh);
    }

    @Test
    void rollback_snapshotListsOlderTargets() throws Exception {
        repo.publishTargetsSnapshotTimestamp();
        refresh();
        repo.targetsVersion = 0;
        repo.publishTargets();
        repo.publishSnapshot();
        repo.publishTimestamp();
        fails(RollbackException.class, "snapshot", Check.ROLLBACK, this::refresh);
    }

    @Test
    void indefiniteFreeze_expiredTimestamp() throws Exception {
        refresh();
        repo.expires = SimulatedRepository.NOW.minus(Duration.ofDays(1));
        repo.publishTimestamp();
        fails(ExpiredMetadataException.class, "timestamp", Check.EXPIRED, this::refresh);
    }

    @Test
    void indefiniteFreeze_clockPassesExpiry() throws Exception {
        refresh();
        Clock later = Clock.fixed(repo.expires.plusSeconds(1), ZoneOffset.UTC);
        fails(ExpiredMetadataException.class, "root", Check.EXPIRED,
                () -> new RepositoryClient(repo.config(md).withClock(later)).refresh());
    }

    @Test
    void mixAndMatch_snapshotDoesNotMatchTimestamp() throws Exception {
        refresh();
        repo.publishTargetsSnapshotTimestamp();
        // a validly signed snapshot of the same version but other content than timestamp signed
        // same length, one byte different from what timestamp signed
        byte[] tampered = repo.files.get("metadata/2.snapshot.json").clone();
        int i = new String(tampered, StandardCharsets.UTF_8).indexOf("\"version\" : 2") + "\"version\" : ".length();
        tampered[i] = '3';
        repo.files.put("metadata/2.snapshot.json", tampered);
        fails(LengthOrHashMismatchException.class, "snapshot", Check.HASH, this::refresh);
    }

    @Test
    void mixAndMatch_targetsOfAnotherVersion() throws Exception {
        refresh();
        repo.publishTargetsSnapshotTimestamp();
        repo.files.put("metadata/2.targets.json", repo.files.get("metadata/1.targets.json"));
        fails(LengthOrHashMismatchException.class, "targets", Check.HASH, this::refresh);
    }

    @Test
    void endlessData_metadata() throws Exception {
        repo.override.put("metadata/timestamp.json", SimulatedRepository::endless);
        fails(DownloadException.class, "timestamp", Check.SIZE_LIMIT, this::refresh);
    }

    @Test
    void endlessData_target() throws Exception {
        TargetFile t = repo.addTarget("a.bin", new byte[100]);
        repo.publishTargetsSnapshotTimestamp();
        repo.override.put("targets/" + t.hashes().get("sha256") + ".a.bin", SimulatedRepository::endless);
        RepositoryClient client = new RepositoryClient(repo.config(md));
        TargetFile found = client.findTarget("a.bin").orElseThrow();
        fails(DownloadException.class, "a.bin", Check.SIZE_LIMIT, () -> client.download(found, dir.resolve("a.bin")));
    }

    @Test
    void metadataOverItsSizeBound() throws Exception {
        ClientConfig small = repo.config(md).withMaxLengths(512_000, 100, 2_000_000, 5_000_000);
        fails(DownloadException.class, "timestamp", Check.SIZE_LIMIT, () -> new RepositoryClient(small).refresh());
    }

    @Test
    void targetShorterThanSigned() throws Exception {
        TargetFile t = repo.addTarget("a.bin", "0123456789".getBytes(StandardCharsets.UTF_8));
        repo.publishTargetsSnapshotTimestamp();
        repo.serveTarget(t, "01234".getBytes(StandardCharsets.UTF_8));
        RepositoryClient client = new RepositoryClient(repo.config(md));
        TargetFile found = client.findTarget("a.bin").orElseThrow();
        fails(LengthOrHashMismatchException.class, "a.bin", Check.LENGTH, () -> client.download(found, dir.resolve("a")));
    }

    @Test
    void keyCompromiseBelowThreshold() throws Exception {
        repo.roleKeys.put("targets", List.of(key(3), key(4)));
        repo.thresholds.put("targets", 2);
        repo.publishRoot();
        repo.publishTargetsSnapshotTimestamp();
        refresh();
        repo.signers.put("targets", List.of(key(3)));
        repo.publishTargetsSnapshotTimestamp();
        MetadataException e = fails(SignatureException.class, "targets", Check.THRESHOLD, this::refresh);
        assertTrue(e.getMessage().contains("1 of 2"), e.getMessage());
    }

    @Test
    void duplicateSignaturesByOneKeyDoNotCount() throws Exception {
        repo.publishTimestamp();
        String ts = new String(repo.files.get("metadata/timestamp.json"), StandardCharsets.UTF_8);
        int start = ts.indexOf('{', ts.indexOf("\"signatures\""));
        int end = ts.indexOf('}', start) + 1;
        String sig = ts.substring(start, end);
        repo.files.put("metadata/timestamp.json", ts.replace(sig, sig + "," + sig).getBytes(StandardCharsets.UTF_8));
        fails(SignatureException.class, "timestamp", Check.DUPLICATE_SIGNATURE, this::refresh);
    }

    @Test
    void fastForwardAttackIsRefused() throws Exception {
        for (int i = 0; i < 9; i++) {
            repo.publishTimestamp();
        }
        refresh();
        repo.timestampVersion = 0;
        repo.publishTimestamp();
        fails(RollbackException.class, "timestamp", Check.ROLLBACK, this::refresh);
    }

    @Test
    void fastForwardRecoveryByRotatingTheTimestampKey() throws Exception {
        for (int i = 0; i < 99; i++) {
            repo.publishTimestamp();
        }
        assertEquals(100, refresh().timestamp().version());
        repo.roleKeys.put("timestamp", List.of(key(5)));
        repo.publishRoot();
        repo.timestampVersion = 0;
        repo.publishTimestamp();
        assertEquals(1, refresh().timestamp().version());
    }

    @Test
    void rootRotationNeedsOldAndNewKeys() throws Exception {
        repo.roleKeys.put("root", List.of(key(6)));
        repo.signers.put("root", List.of(key(6))); // signed by the new key only
        repo.publishRoot();
        fails(SignatureException.class, "root", Check.THRESHOLD, this::refresh);
        repo.rootVersion = 1;
        repo.signers.put("root", List.of(key(0))); // signed by the old key only
        repo.publishRoot();
        fails(SignatureException.class, "root", Check.THRESHOLD, this::refresh);
        repo.rootVersion = 1;
        repo.lastRootKeys = List.of(key(0));
        repo.publishRoot(); // signed by old key(0) and new key(6)
        assertEquals(2, refresh().root().version());
        assertArrayEquals(repo.files.get("metadata/2.root.json"), Files.readAllBytes(md.resolve("root.json")));
    }

    @Test
    void rootMustBeExactlyTheNextVersion() throws Exception {
        repo.publishRoot();
        repo.rootVersion = 2;
        repo.publishRoot();
        repo.files.put("metadata/2.root.json", repo.files.get("metadata/3.root.json"));
        fails(RollbackException.class, "root", Check.VERSION, this::refresh);
    }

    @Test
    void expiredRootWithNoNewerOne() throws Exception {
        Clock later = Clock.fixed(repo.expires.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        fails(ExpiredMetadataException.class, "root", Check.EXPIRED,
                () -> new RepositoryClient(repo.config(md).withClock(later)).refresh());
    }

    @Test
    void malformedJson() throws Exception {
        repo.files.put("metadata/timestamp.json", "{\"signed\": ".getBytes(StandardCharsets.UTF_8));
        fails(MalformedMetadataException.class, "timestamp", Check.MALFORMED, this::refresh);
    }

    @Test
    void wrongMetadataType() throws Exception {
        repo.files.put("metadata/timestamp.json", repo.files.get("metadata/1.snapshot.json"));
        fails(MalformedMetadataException.class, "timestamp", Check.TYPE, this::refresh);
    }

    @Test
    void bootstrapRefusesARootNotSignedByItself() {
        byte[] evil = new String(repo.rootV1(), StandardCharsets.UTF_8).replace("\"version\" : 1", "\"version\" : 7")
                .getBytes(StandardCharsets.UTF_8);
        MetadataException e = assertThrows(SignatureException.class, () -> RepositoryClient.bootstrap(dir.resolve("x"), evil));
        assertEquals("root", e.role());
    }

    @Test
    void delegationsAreSearchedInOrderAndRespectTerminating() throws Exception {
        repo.delegate("a", List.of("*.doc"), false, key(10));
        repo.delegate("b", List.of("releases/*"), true, key(11));
        repo.delegate("c", List.of("releases/*"), false, key(12));
        byte[] data = "x1".getBytes(StandardCharsets.UTF_8);
        TargetFile inC = new TargetFile("releases/x1", data.length, Map.of("sha256", SimulatedRepository.sha256(data)),
                java.util.Optional.empty());
        repo.publishDelegated("a", Map.of(), List.of(key(10)));
        repo.publishDelegated("b", Map.of(), List.of(key(11)));
        repo.publishDelegated("c", Map.of(inC.path(), inC), List.of(key(12)));
        repo.publishTargetsSnapshotTimestamp();
        RepositoryClient client = new RepositoryClient(repo.config(md));
        client.refresh();
        repo.requests.clear();
        // b matches and is terminating: c (which has the target) must not be consulted
        assertTrue(client.findTarget("releases/x1").isEmpty());
        assertEquals(List.of("metadata/1.b.json"), repo.requests);
    }

    @Test
    void delegatedTargetIsFoundAndDownloaded() throws Exception {
        repo.delegate("boards", List.of("rpi4/*/*"), false, key(10));
        byte[] data = "image".getBytes(StandardCharsets.UTF_8);
        TargetFile t = new TargetFile("rpi4/2/full.img", data.length, Map.of("sha256", SimulatedRepository.sha256(data)),
                java.util.Optional.empty());
        repo.serveTarget(t, data);
        repo.publishDelegated("boards", Map.of(t.path(), t), List.of(key(10)));
        repo.publishTargetsSnapshotTimestamp();
        RepositoryClient client = new RepositoryClient(repo.config(md));
        TargetFile found = client.findTarget(t.path()).orElseThrow();
        Path out = client.download(found, dir.resolve("img"));
        assertArrayEquals(data, Files.readAllBytes(out));
        assertTrue(client.findCached(found, out).isPresent());
        assertTrue(Files.exists(md.resolve("boards.json")));
    }

    @Test
    void delegatedRoleSignedByTheWrongKey() throws Exception {
        repo.delegate("boards", List.of("*"), false, key(10));
        repo.publishDelegated("boards", Map.of(), List.of(key(11)));
        repo.publishTargetsSnapshotTimestamp();
        RepositoryClient client = new RepositoryClient(repo.config(md));
        client.refresh();
        fails(SignatureException.class, "boards", Check.THRESHOLD, () -> client.findTarget("x"));
    }

    @Test
    void streamingVerificationFailsAtEndOfStream() throws Exception {
        TargetFile t = repo.addTarget("a.bin", "abc".getBytes(StandardCharsets.UTF_8));
        repo.publishTargetsSnapshotTimestamp();
        repo.serveTarget(t, "abd".getBytes(StandardCharsets.UTF_8));
        RepositoryClient client = new RepositoryClient(repo.config(md));
        try (VerifyingInputStream in = client.openTarget(client.findTarget("a.bin").orElseThrow())) {
            VerifyingInputStream.VerificationFailure f = assertThrows(VerifyingInputStream.VerificationFailure.class,
                    () -> in.transferTo(java.io.OutputStream.nullOutputStream()));
            assertInstanceOf(LengthOrHashMismatchException.class, f.failure());
            assertFalse(in.isVerified());
        }
    }
}
