package io.hostapp.updater;

/**
 * Every failure the agent reports to its user: a one-line message that names the input and what is wrong,
 * and the documented {@link ExitCode} the CLI exits with. Layers add a prefix as the exception rises.
 */
public class UpdateException extends Exception {
    private final ExitCode exitCode;

    public UpdateException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UpdateException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** The same failure with {@code prefix: } in front of the message. */
    public UpdateException withPrefix(String prefix) {
        return new UpdateException(exitCode, prefix + ": " + getMessage(), this);
    }
}
