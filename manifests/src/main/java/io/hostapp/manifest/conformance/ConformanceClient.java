package io.hostapp.manifest.conformance;

import io.hostapp.manifest.client.ClientConfig;
import io.hostapp.manifest.client.FileFetcher;
import io.hostapp.manifest.client.PercentEncoding;
import io.hostapp.manifest.client.RepositoryClient;
import io.hostapp.manifest.metadata.TargetFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The client-under-test CLI of tuf-conformance (its CLIENT-CLI.md), driving {@link RepositoryClient}:
 * <pre>
 * ConformanceClient --metadata-dir DIR init TRUSTED_ROOT
 * ConformanceClient --metadata-dir DIR --metadata-url URL refresh
 * ConformanceClient --metadata-dir DIR --metadata-url URL --target-name PATH --target-base-url URL --target-dir DIR download
 * </pre>
 * Exit status is 0 on success and 1 on any failure, a crash or a usage error included; the one-line
 * reason goes to stderr. Downloaded targets are stored in the target dir under their percent-encoded
 * target path, and a target already there with matching hashes is not downloaded again.
 */
@Command(name = "tuf-conformance-client", mixinStandardHelpOptions = false,
        subcommands = {ConformanceClient.Init.class, ConformanceClient.Refresh.class, ConformanceClient.Download.class})
public final class ConformanceClient {

    @Option(names = "--metadata-dir", required = true, description = "trusted metadata directory")
    Path metadataDir;

    @Option(names = "--metadata-url", description = "repository metadata base URL")
    URI metadataUrl;

    @Option(names = "--target-name", description = "target path to download")
    String targetName;

    @Option(names = "--target-base-url", description = "repository targets base URL")
    URI targetBaseUrl;

    @Option(names = "--target-dir", description = "directory for downloaded targets")
    Path targetDir;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command; returns 0 on success and 1 on any failure (usage errors and crashes included). */
    public static int run(String... args) {
        int rc;
        try {
            CommandLine cl = new CommandLine(new ConformanceClient());
            cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
                System.err.println("error: " + e.getMessage());
                return 1;
            });
            rc = cl.execute(args);
        } catch (Throwable t) {
            System.err.println("error: " + t);
            rc = 1;
        }
        return rc == 0 ? 0 : 1;
    }

    private RepositoryClient client() throws Exception {
        if (metadataUrl == null) {
            throw new IllegalArgumentException("--metadata-url is required");
        }
        ClientConfig cfg = ClientConfig.of(metadataDir, metadataUrl, targetBaseUrl);
        if ("file".equals(metadataUrl.getScheme())) {
            cfg = cfg.withFetcher(new FileFetcher()); // a repository on disk (used by our own tests)
        }
        return new RepositoryClient(cfg);
    }

    @Command(name = "init", description = "install the trusted root")
    static final class Init implements Callable<Integer> {
        @CommandLine.ParentCommand
        ConformanceClient parent;

        @Parameters(index = "0", description = "initial root.json")
        Path trustedRoot;

        @Override
        public Integer call() throws Exception {
            RepositoryClient.bootstrap(parent.metadataDir, Files.readAllBytes(trustedRoot));
            return 0;
        }
    }

    @Command(name = "refresh", description = "update top-level metadata")
    static final class Refresh implements Callable<Integer> {
        @CommandLine.ParentCommand
        ConformanceClient parent;

        @Override
        public Integer call() throws Exception {
            parent.client().refresh();
            return 0;
        }
    }

    @Command(name = "download", description = "refresh, then download one target")
    static final class Download implements Callable<Integer> {
        @CommandLine.ParentCommand
        ConformanceClient parent;

        @Override
        public Integer call() throws Exception {
            if (parent.targetName == null || parent.targetDir == null || parent.targetBaseUrl == null) {
                throw new IllegalArgumentException("--target-name, --target-dir and --target-base-url are required");
            }
            RepositoryClient client = parent.client();
            client.refresh();
            Optional<TargetFile> target = client.findTarget(parent.targetName);
            if (target.isEmpty()) {
                throw new IllegalArgumentException("target '" + parent.targetName + "' not found");
            }
            Path file = parent.targetDir.resolve(PercentEncoding.quote(parent.targetName, ""));
            if (client.findCached(target.get(), file).isEmpty()) {
                client.download(target.get(), file);
            }
            return 0;
        }
    }
}
