package io.hostapp.updater.cli;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.repo.publish.PublisherLock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code hostapp-repo} publisher CLI: creates and maintains a signed release repository (TUF 1.0 metadata,
 * consistent snapshots) that devices poll with {@code hostapp-update check / update / daemon}. The tree is
 * static: serve {@code REPO/metadata/} and {@code REPO/targets/} with any web server. Private keys live in a
 * keys directory outside it. Guide: {@code updater/HOSTAPP-REPO.md}.
 */
@Command(name = "hostapp-repo", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "hostapp-repo 0.1.0",
        description = {"Publish releases to a signed update repository (TUF 1.0) and steer their rollout.",
                "Usual flow: init once; then add, rollout, publish per release; timestamp from cron."},
        subcommands = {RepoInitCommand.class, RepoAddCommand.class, RepoRolloutCommand.class, RepoPublishCommand.class,
                RepoTimestampCommand.class, RepoRotateCommand.class, RepoRenewRootCommand.class,
                RepoRootPayloadCommand.class, RepoSignRootCommand.class, RepoImportSignatureCommand.class,
                RepoVerifyCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n", footer = "")
public final class HostappRepo implements Runnable {
    static final String NAME = "hostapp-repo";

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "give a command (see --help)");
    }

    /** Runs the CLI and returns its exit code (the launcher's {@code main} exits with it). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new HostappRepo());
        cl.getCommandSpec().usageMessage().footer(exitCodes());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UpdateException u) {
                cmd.getErr().println(NAME + ": error: " + u.getMessage());
                return u.exitCode().code();
            }
            cmd.getErr().println(NAME + ": internal error: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCode.FAILURE.code();
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(NAME + ": " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + NAME + " --help'.");
            return ExitCode.USAGE.code();
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // the encoder's index grows with the image: say so in one line, not with a stack trace
            cl.getErr().println(NAME + ": error: out of memory (" + e.getMessage() + "); the encoder's heap grows"
                    + " with the image: raise HOSTAPP_REPO_HEAP (default 4g)");
            return ExitCode.FAILURE.code();
        } finally {
            PublisherLock.releaseAll();
        }
    }

    /** The exit codes this CLI uses (a subset of {@link ExitCode}). */
    static final List<ExitCode> CODES = List.of(ExitCode.OK, ExitCode.FAILURE, ExitCode.USAGE, ExitCode.INPUT,
            ExitCode.VERIFY, ExitCode.METADATA, ExitCode.REPOSITORY, ExitCode.KEYS);

    static String exitCodes() {
        return CODES.stream().map(c -> String.format("  %2d  %s", c.code(), c.meaning()))
                .collect(Collectors.joining("%n")) + "%n";
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
