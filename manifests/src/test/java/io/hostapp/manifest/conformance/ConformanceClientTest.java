package io.hostapp.manifest.conformance;

import io.hostapp.manifest.keys.KeyFiles;
import io.hostapp.manifest.keys.SignatureScheme;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.manifest.publish.RoleSigners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI protocol of tuf-conformance, against a tree our publisher wrote (file: URLs). */
class ConformanceClientTest {

    @TempDir
    Path dir;

    @Test
    void initRefreshDownloadAndExitCodes() throws Exception {
        SigningKey k = KeyFiles.generate(SignatureScheme.ED25519);
        var one = new RepositoryPublisher.RoleKeys(List.of(k.publicKey()), 1);
        Path repo = dir.resolve("repo");
        RepositoryPublisher p = RepositoryPublisher.create(repo, Map.of("root", one, "targets", one, "snapshot", one,
                "timestamp", one), Clock.systemUTC(), ExpiryPolicy.defaults());
        Path file = dir.resolve("f");
        Files.writeString(file, "content");
        p.addTarget("dir/a file.txt", file, Optional.empty());
        p.publish(RoleSigners.none().with("root", k).with("targets", k).with("snapshot", k).with("timestamp", k));

        String md = dir.resolve("md").toString();
        String mdUrl = repo.resolve("metadata").toUri().toString();
        String tUrl = repo.resolve("targets").toUri().toString();
        String out = dir.resolve("out").toString();
        assertEquals(0, ConformanceClient.run("--metadata-dir", md, "init", repo.resolve("metadata/1.root.json").toString()));
        assertEquals(0, ConformanceClient.run("--metadata-dir", md, "--metadata-url", mdUrl, "refresh"));
        assertTrue(Files.exists(Path.of(md, "timestamp.json")));
        String[] download = {"--metadata-dir", md, "--metadata-url", mdUrl, "--target-name", "dir/a file.txt",
                "--target-base-url", tUrl, "--target-dir", out, "download"};
        assertEquals(0, ConformanceClient.run(download));
        assertEquals("content", Files.readString(Path.of(out, "dir%2Fa%20file.txt")));
        assertEquals(0, ConformanceClient.run(download), "cached copy is accepted");

        assertEquals(1, ConformanceClient.run("--metadata-dir", md, "--metadata-url", mdUrl, "--target-name", "missing",
                "--target-base-url", tUrl, "--target-dir", out, "download"));
        assertEquals(1, ConformanceClient.run("--metadata-dir", md, "refresh"), "usage error is 1, not 2");
        assertEquals(1, ConformanceClient.run("--bogus"));
    }
}
