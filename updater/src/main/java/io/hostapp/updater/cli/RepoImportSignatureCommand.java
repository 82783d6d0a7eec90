package io.hostapp.updater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.json.CanonicalJson;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.PublishErrors;
import io.hostapp.updater.repo.publish.RootStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hostapp-repo import-signature}: add offline root signatures to the staged root. */
@Command(name = "import-signature", description = {"Add offline root signatures to the staged root.",
        "Each is checked against the staged root's payload and the keys of the staged and the current " +
                "root. Then 'publish' (once both thresholds are met)."})
final class RepoImportSignatureCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "Repository directory.")
    Path repo;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SIGNATURE", description = "Signature files from sign-root.")
    List<Path> signatures;

    @Override
    public Integer call() throws UpdateException {
        RepositoryPublisher p = RepoOptions.open(repo, Clock.systemUTC(), ExpiryPolicy.defaults());
        for (Path f : signatures) {
            String keyId;
            String sig;
            try {
                JsonNode n = CanonicalJson.parse(Files.readAllBytes(f));
                if (!n.path("keyid").isTextual() || !n.path("sig").isTextual()) {
                    throw new UpdateException(ExitCode.INPUT, f + ": expected {\"keyid\": \"...\", \"sig\": \"...\"} (from sign-root)");
                }
                keyId = n.get("keyid").asText();
                sig = n.get("sig").asText();
            } catch (IOException e) {
                throw new UpdateException(ExitCode.INPUT, f + ": cannot read a signature file: " + e.getMessage(), e);
            }
            try {
                p.addRootSignature(keyId, sig);
            } catch (ManifestException e) {
                UpdateException u = PublishErrors.signing(e);
                throw new UpdateException(u.exitCode(), f + ": " + e.getMessage(), e);
            }
            System.out.println(HostappRepo.NAME + ": imported signature by key " + keyId.substring(0, Math.min(8, keyId.length())));
        }
        RootStatus st = RootStatus.read(p.layout(), p.publishedRoot()).orElseThrow();
        System.out.println(HostappRepo.NAME + ": " + st.describe()
                + (st.complete() ? "; run 'hostapp-repo publish " + repo + "'" : ""));
        return 0;
    }
}
