package io.hostapp.updater.cli;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.keys.KeyFiles;
import io.hostapp.manifest.keys.SignatureScheme;
import io.hostapp.manifest.keys.VerificationKey;
import io.hostapp.manifest.metadata.Role;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.PublishErrors;
import io.hostapp.updater.repo.publish.PublisherKeys;
import io.hostapp.updater.repo.publish.RootStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hostapp-repo rotate}: replace a role's keys by staging (and, when it can be signed, publishing) root N+1. */
@Command(name = "rotate", description = {"Replace a role's keys (stages root N+1; publishes it when signed).",
        "Stages root N+1 listing the new keys of ROLE (root, targets, snapshot, timestamp), signs it with " +
                "the root keys at hand and, if it then carries a threshold of root N's keys and of its own, " +
                "publishes it. Devices walk the root chain 1, 2, ... N+1. Otherwise sign it offline " +
                "(root-payload, sign-root, import-signature), then publish."})
final class RepoRotateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "Repository directory.")
    Path repo;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "root, targets, snapshot or timestamp.")
    String role;

    @Option(names = "--generate", paramLabel = "N",
            description = "Generate N new keys into the keys directory (default 1, or 0 with --public-key).")
    Integer generate;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "Add a public key (SubjectPublicKeyInfo PEM) whose private half is elsewhere (repeatable).")
    List<Path> publicKeys = new ArrayList<>();

    @Option(names = "--keep-current", description = "Keep the role's current keys and add the new ones.")
    boolean keepCurrent;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Signatures needed (default: the role's current threshold, at most the number of keys).")
    Integer threshold;

    @Option(names = "--scheme", paramLabel = "SCHEME", defaultValue = "ed25519", description = "Type of generated keys.")
    String scheme;

    @Option(names = "--no-publish", description = "Only stage and sign root N+1; publish later.")
    boolean noPublish;

    @Mixin
    RepoOptions options;

    @Override
    public Integer call() throws UpdateException {
        if (!Root.TOP_LEVEL_ROLES.contains(role)) {
            throw new UpdateException(ExitCode.USAGE, "--role " + role + ": not one of root, targets, snapshot, timestamp");
        }
        SignatureScheme s = PublisherKeys.scheme(scheme);
        int n = generate != null ? generate : publicKeys.isEmpty() ? 1 : 0;
        if (n < 0 || n > 20) {
            throw new UpdateException(ExitCode.USAGE, "--generate " + n + ": 0..20 keys");
        }
        PublisherKeys keys = options.keys(repo);
        Clock clock = options.clock();
        ExpiryPolicy expiry = options.expiry();
        RepositoryPublisher p = RepoOptions.open(repo, clock, expiry);
        List<VerificationKey> newKeys = new ArrayList<>();
        Root base;
        try {
            base = p.workingRoot();
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        }
        Role current = base.roles().get(role);
        if (keepCurrent) {
            current.keyIds().forEach(id -> newKeys.add(base.keys().get(id)));
        }
        for (Path f : publicKeys) {
            try {
                newKeys.add(KeyFiles.readPublic(f));
            } catch (IOException e) {
                throw new UpdateException(ExitCode.KEYS, f + ": " + e.getMessage(), e);
            }
        }
        int t = threshold != null ? threshold : Math.max(1, Math.min(current.threshold(), newKeys.size() + n));
        if (newKeys.size() + n < 1 || t < 1 || t > newKeys.size() + n) {
            throw new UpdateException(ExitCode.USAGE, "--threshold " + t + ": needs 1.." + (newKeys.size() + n)
                    + " (the number of keys " + role + " will have)");
        }
        for (int i = 0; i < n; i++) {
            var k = keys.generate(role, s);
            newKeys.add(k.publicKey());
            System.out.println(HostappRepo.NAME + ": wrote key " + keys.fileFor(role, k));
        }
        try {
            Root next = p.rotateKeys(role, newKeys, t);
            System.out.println(HostappRepo.NAME + ": staged root v" + next.version() + ": " + role + " signed by "
                    + t + " of " + newKeys.stream().map(VerificationKey::keyId).distinct().count() + " keys");
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        }
        finishStagedRoot(repo, p, keys, clock, expiry, noPublish);
        return 0;
    }

    /**
     * Signs the staged root with every root key at hand, reports how far it is, and publishes it when both
     * thresholds are met (unless {@code noPublish}); otherwise prints how to sign it offline.
     */
    static void finishStagedRoot(Path repo, RepositoryPublisher p, PublisherKeys keys, Clock clock, ExpiryPolicy expiry,
                                 boolean noPublish) throws UpdateException {
        try {
            for (PublisherKeys.KeyFile k : keys.load()) {
                p.signRoot(k.key());
            }
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        }
        RootStatus st = RootStatus.read(p.layout(), p.publishedRoot()).orElseThrow();
        System.out.println(HostappRepo.NAME + ": " + st.describe());
        if (st.complete() && !noPublish) {
            RepoPublishCommand.publish(p, keys, clock, expiry);
        } else if (!st.complete()) {
            System.out.println(HostappRepo.NAME + ": to sign offline: hostapp-repo root-payload " + repo
                    + " -o root.payload; on the key's machine: hostapp-repo sign-root --key ROOT-KEY.pem root.payload"
                    + " -o KEY.sig; then: hostapp-repo import-signature " + repo + " KEY.sig; hostapp-repo publish " + repo);
        }
    }
}
