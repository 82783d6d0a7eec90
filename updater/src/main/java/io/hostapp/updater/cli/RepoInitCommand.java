package io.hostapp.updater.cli;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.keys.SignatureScheme;
import io.hostapp.manifest.keys.SigningKey;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.PublishErrors;
import io.hostapp.updater.repo.publish.PublisherKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hostapp-repo init}: new keys, root v1 and an empty first release list, signed and published. */
@Command(name = "init", description = {"Create a repository: keys, root v1, empty targets, published.",
        "Generates keys (root with a threshold; targets, snapshot, timestamp) into the keys directory and " +
                "publishes root v1 with empty targets. Devices are provisioned with REPO/metadata/1.root.json."})
final class RepoInitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "Repository directory (created).")
    Path repo;

    @Option(names = "--root-keys", paramLabel = "N", defaultValue = "1", description = "Number of root keys (default 1).")
    int rootKeys;

    @Option(names = "--root-threshold", paramLabel = "T", defaultValue = "1",
            description = "Root signatures needed for a new root version (default 1).")
    int rootThreshold;

    @Option(names = "--targets-keys", paramLabel = "N", defaultValue = "1", description = "Number of targets keys (default 1).")
    int targetsKeys;

    @Option(names = "--targets-threshold", paramLabel = "T", defaultValue = "1",
            description = "Targets signatures needed (default 1).")
    int targetsThreshold;

    @Option(names = "--scheme", paramLabel = "SCHEME", defaultValue = "ed25519",
            description = "Key type: ed25519 (default), ecdsa-sha2-nistp256, rsassa-pss-sha256.")
    String scheme;

    @Mixin
    RepoOptions options;

    @Override
    public Integer call() throws UpdateException {
        SignatureScheme s = PublisherKeys.scheme(scheme);
        checkThreshold("--root", rootKeys, rootThreshold);
        checkThreshold("--targets", targetsKeys, targetsThreshold);
        PublisherKeys keys = options.keys(repo);
        refuseExisting(repo);
        var clock = options.clock();
        var expiry = options.expiry();
        Map<String, RepositoryPublisher.RoleKeys> roles = new LinkedHashMap<>();
        List<Path> written = new ArrayList<>();
        int[][] plan = {{rootKeys, rootThreshold}, {targetsKeys, targetsThreshold}, {1, 1}, {1, 1}};
        String[] names = {"root", "targets", "snapshot", "timestamp"};
        for (int i = 0; i < names.length; i++) {
            List<io.hostapp.manifest.keys.VerificationKey> pub = new ArrayList<>();
            for (int k = 0; k < plan[i][0]; k++) {
                SigningKey key = keys.generate(names[i], s);
                written.add(keys.fileFor(names[i], key));
                pub.add(key.publicKey());
            }
            roles.put(names[i], new RepositoryPublisher.RoleKeys(pub, plan[i][1]));
        }
        RepositoryPublisher.PublishResult r;
        try {
            RepositoryPublisher p = RepositoryPublisher.create(repo, roles, clock, expiry);
            r = p.publish(keys.signers());
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        }
        for (Path f : written) {
            System.out.println(HostappRepo.NAME + ": wrote key " + f);
        }
        System.out.println(HostappRepo.NAME + ": published root v" + r.rootVersion() + " (" + rootThreshold + " of "
                + rootKeys + " root keys), targets v" + r.targetsVersion() + ", snapshot v" + r.snapshotVersion()
                + ", timestamp v" + r.timestampVersion());
        System.out.println(HostappRepo.NAME + ": provision devices with " + repo.resolve("metadata/1.root.json")
                + "; keep " + keys.dir() + " private (move root keys offline)");
        return 0;
    }

    private static void refuseExisting(Path repo) throws UpdateException {
        io.hostapp.manifest.publish.RepositoryLayout layout = new io.hostapp.manifest.publish.RepositoryLayout(repo);
        try {
            if (layout.newestRootVersion().isPresent() || java.nio.file.Files.exists(layout.stagedRoot())) {
                throw new UpdateException(ExitCode.REPOSITORY, repo + ": already a repository (metadata/1.root.json "
                        + "exists); init creates new ones only");
            }
        } catch (java.io.IOException e) {
            throw new UpdateException(ExitCode.REPOSITORY, repo + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void checkThreshold(String what, int n, int t) throws UpdateException {
        if (n < 1 || n > 20 || t < 1 || t > n) {
            throw new UpdateException(ExitCode.USAGE, what + "-keys " + n + " " + what + "-threshold " + t
                    + ": need 1 <= threshold <= keys <= 20");
        }
    }
}
