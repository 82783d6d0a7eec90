package io.hostapp.updater.cli;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The {@code hostapp-update} CLI. Without a subcommand it keeps balenaOS's flags ({@code -f FILE},
 * {@code -i IMAGE}, {@code -r}, {@code -n}, {@code -x}); the verbs cover the rest of the life cycle.
 */
@Command(name = "hostapp-update", mixinStandardHelpOptions = true, version = "hostapp-update 0.1.0",
        sortOptions = false,
        description = {"Robust A/B over-the-air updates for embedded Linux.",
                "Without a command, installs the image given with -f or -i (balenaOS-compatible flags)."},
        subcommands = {InstallCommand.class, CheckCommand.class, UpdateCommand.class, DaemonCommand.class,
                BootCheckCommand.class, ShutdownCommand.class, StatusCommand.class, MarkGoodCommand.class,
                MarkBadCommand.class, RollbackCommand.class, SimCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n", footer = "")
public final class HostappUpdate implements Callable<Integer> {

    @Option(names = "-f", paramLabel = "FILE", description = "Install the image in FILE (raw or zstd; sidecar FILE.manifest.json or FILE.sha256 checked when present).")
    Path file;

    @Option(names = "-i", paramLabel = "URL", description = "Install the image streamed from URL (http or https; sidecar URL.manifest.json checked when present).")
    String image;

    @Mixin
    InstallOptions install;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        if ((file == null) == (image == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "give exactly one of -f FILE or -i URL, or a command (see --help)");
        }
        return InstallCommand.install(device, install, file != null ? file.toString() : image, file == null);
    }

    /** Runs the CLI and returns its exit code (the launcher's {@code main} exits with it). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new HostappUpdate());
        cl.getCommandSpec().usageMessage().footer(exitCodes());
        helpEverywhere(cl);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UpdateException u) {
                cmd.getErr().println("hostapp-update: error: " + u.getMessage());
                return u.exitCode().code();
            }
            cmd.getErr().println("hostapp-update: internal error: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCode.FAILURE.code();
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("hostapp-update: " + e.getMessage());
            e.getCommandLine().getErr().println("Try 'hostapp-update --help'.");
            return ExitCode.USAGE.code();
        });
        return cl.execute(args);
    }

    /** --help and --version on every command, not only the top one. */
    static void helpEverywhere(CommandLine c) {
        c.getCommandSpec().mixinStandardHelpOptions(true);
        c.getSubcommands().values().forEach(HostappUpdate::helpEverywhere);
    }

    static String exitCodes() {
        return Arrays.stream(ExitCode.values()).map(c -> String.format("  %2d  %s", c.code(), c.meaning()))
                .collect(Collectors.joining("%n")) + "%n";
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
