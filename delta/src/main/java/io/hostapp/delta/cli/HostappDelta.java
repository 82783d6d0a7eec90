package io.hostapp.delta.cli;

import io.hostapp.delta.DeltaDecoder;
import io.hostapp.delta.DeltaException;
import io.hostapp.delta.SourceMismatchException;
import io.hostapp.delta.TargetMismatchException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hostapp-delta}: make, apply and inspect hostapp payloads (deltas and full images). */
@Command(name = "hostapp-delta", version = "hostapp-delta 0.1.0",
        mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, // --help, --version on every command
        description = "Makes, applies and inspects hostapp update payloads (delta/FORMAT.md).",
        subcommands = {DiffCommand.class, FullCommand.class, PatchCommand.class, InfoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:I/O or internal error",
            "2:usage error",
            "3:malformed or corrupt payload (the message names the operation)",
            "4:source mismatch: OLD is not the image the delta was made from (nothing was written)",
            "5:target mismatch: the payload produces another image, or OUT cannot hold it"})
public final class HostappDelta {
    static final int EXIT_IO = 1;
    static final int EXIT_PAYLOAD = 3;
    static final int EXIT_SOURCE = 4;
    static final int EXIT_TARGET = 5;

    public static void main(String[] args) {
        if (args.length > 0 && "patch".equals(args[0])) {
            // a hint, not parsing (picocli parses below): an apply's set-up runs on the other core while
            // picocli builds its model; other commands would only pay for it
            DeltaDecoder.warmUp();
        }
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new HostappDelta());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("hostapp-delta " + cmd.getCommandName() + ": " + e.getMessage());
            return exitCode(e);
        });
        return cl.execute(args);
    }

    static int exitCode(Exception e) {
        if (e instanceof SourceMismatchException) {
            return EXIT_SOURCE;
        }
        if (e instanceof TargetMismatchException) {
            return EXIT_TARGET;
        }
        if (e instanceof DeltaException) {
            return EXIT_PAYLOAD;
        }
        return EXIT_IO;
    }
}
