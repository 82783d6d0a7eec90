package io.hostapp.tests.repo;

import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.UnverifiedMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.hostapp.tests.repo.RepositoryRolloutTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key rotation with the root keys offline, as an operator would do it: a targets key is replaced through root v2,
 * signed on "another machine" (root-payload → sign-root → import-signature), then the root keys themselves are
 * replaced through root v3. A device provisioned with root v1 walks the chain over nginx and installs a release
 * signed only by the new targets key.
 */
@Tag("interop")
class RootRotationTest {
    @TempDir
    Path tmp;

    @Test
    void offlineSignedRotationsAreWalkedByADeviceProvisionedWithRootV1() throws Exception {
        try (Fleet f = Fleet.start(tmp)) {
            f.repo("init", "--root-keys", "2", "--root-threshold", "2");
            f.repo("add", "--board", Fleet.BOARD, "--release", "v1", "--image", f.image("v1").toString(),
                    "--rollout", "stable=100");
            f.repo("publish");
            Path dev = f.device("device", "v1", Fleet.DEVICE_ID, null);
            ok(Launchers.device("check", "--device", dev.toString()));

            Path offline = Files.createDirectories(tmp.resolve("offline"));
            List<Path> rootKeys;
            try (var s = Files.list(f.keys)) {
                rootKeys = s.filter(p -> p.getFileName().toString().startsWith("root-")).toList();
            }
            assertEquals(2, rootKeys.size());
            for (Path k : rootKeys) {
                Files.move(k, offline.resolve(k.getFileName()));
            }

            // 1. replace the targets key: root v2 staged, unsigned here, signed offline
            f.repo("rotate", "--role", "targets");
            assertEquals(18, f.repoRc("publish"), "publish without the root signatures must fail");
            Path payload = tmp.resolve("root.payload");
            f.repo("root-payload", "-o", payload.toString());
            String[] sigs = signOffline(offline, payload);
            f.repo("import-signature", sigs);
            f.repo("add", "--board", Fleet.BOARD, "--release", "v2", "--image", f.image("v2").toString(),
                    "--rollout", "stable=100");
            f.repo("publish");
            assertTrue(Files.exists(f.repo.resolve("metadata/2.root.json")));
            assertTrue(Files.isDirectory(f.keys.resolve("retired")), "the old targets key was retired");

            // 2. replace the root keys themselves: v3 needs 2 of v2's (offline) keys and 2 of its own (generated)
            f.repo("rotate", "--role", "root", "--generate", "2", "--threshold", "2");
            f.repo("root-payload", "-o", payload.toString());
            f.repo("import-signature", signOffline(offline, payload));
            f.repo("publish");
            Root v3 = UnverifiedMetadata.parse("root", Files.readAllBytes(f.repo.resolve("metadata/3.root.json")),
                    Root::parse).untrustedSigned();
            Root v1 = UnverifiedMetadata.parse("root", Files.readAllBytes(f.repo.resolve("metadata/1.root.json")),
                    Root::parse).untrustedSigned();
            assertNotEquals(v1.roles().get("root").keyIds(), v3.roles().get("root").keyIds());
            assertNotEquals(v1.roles().get("targets").keyIds(), v3.roles().get("targets").keyIds());

            ok(Launchers.repo("verify", f.repo.toString()));
            Launchers.Result up = ok(Launchers.device("update", "-r", "--device", dev.toString()));
            assertTrue(up.out().contains("committed v2 in slot b"), up.out());
            Root trusted = UnverifiedMetadata.parse("root", Files.readAllBytes(dev.resolve("data/tuf/root.json")),
                    Root::parse).untrustedSigned();
            assertEquals(3, trusted.version(), "the device walked the root chain to v3");
        }
    }

    /** sign-root with every offline key, through the real launcher (it needs no repository). */
    private String[] signOffline(Path offline, Path payload) throws Exception {
        List<Path> keys;
        try (var s = Files.list(offline)) {
            keys = s.sorted().toList();
        }
        String[] out = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            Path sig = tmp.resolve("sig-" + i + ".json");
            Files.deleteIfExists(sig);
            ok(Launchers.repo("sign-root", "--key", keys.get(i).toString(), payload.toString(), "-o", sig.toString()));
            out[i] = sig.toString();
        }
        return out;
    }
}
