package io.hostapp.updater.cli;

import picocli.CommandLine.Option;

/** The install flags shared by {@code hostapp-update -f/-i} and {@code hostapp-update install} (balenaOS's). */
final class InstallOptions {
    @Option(names = "-r", description = "Reboot when the install succeeded.")
    boolean reboot;

    @Option(names = "-n", description = "Run no hooks (factory builds).")
    boolean noHooks;

    @Option(names = "-x", description = "On failure, do not run the cleanup hooks.")
    boolean noRecovery;

    @Option(names = "--release", paramLabel = "VERSION", description = "Release name to record (default: the sidecar's, else the file name).")
    String release;
}
