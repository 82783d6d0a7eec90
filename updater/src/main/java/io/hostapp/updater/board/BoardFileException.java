package io.hostapp.updater.board;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

/** A board file (or device configuration) is unreadable or has a wrong field; the message names both. */
public class BoardFileException extends UpdateException {
    public BoardFileException(String message) {
        super(ExitCode.CONFIG, message);
    }

    public BoardFileException(String message, Throwable cause) {
        super(ExitCode.CONFIG, message, cause);
    }
}
