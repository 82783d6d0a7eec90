package io.hostapp.updater.cli;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.PublishErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code hostapp-repo root-payload}: the exact bytes an offline root key must sign. */
@Command(name = "root-payload", description = {"Write the staged root's bytes to sign (offline root keys).",
        "Canonical JSON of its 'signed' object, for 'sign-root' on the machine that holds a root key."})
final class RepoRootPayloadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO", description = "Repository directory.")
    Path repo;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the payload.")
    Path output;

    @Override
    public Integer call() throws UpdateException {
        RepositoryPublisher p = RepoOptions.open(repo, Clock.systemUTC(), ExpiryPolicy.defaults());
        byte[] payload;
        try {
            payload = p.rootSigningPayload();
        } catch (ManifestException e) {
            throw new UpdateException(ExitCode.REPOSITORY, repo + ": " + e.getMessage()
                    + " (stage one with rotate or renew-root --no-publish)", e);
        }
        try {
            Files.write(output, payload);
        } catch (IOException e) {
            throw new UpdateException(ExitCode.FAILURE, output + ": cannot write: " + e.getMessage(), e);
        }
        System.out.println(HostappRepo.NAME + ": wrote " + payload.length + " bytes to sign to " + output);
        return 0;
    }
}
