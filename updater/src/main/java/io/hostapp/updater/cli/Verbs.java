package io.hostapp.updater.cli;

import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.lifecycle.BootCheck;

import java.util.Optional;

/** Small shared pieces of the mark-good / mark-bad / rollback verbs. */
final class Verbs {
    private Verbs() {
    }

    static Optional<Slot> slot(String s) throws UpdateException {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Slot.parse(s));
        } catch (IllegalArgumentException e) {
            throw new UpdateException(ExitCode.USAGE, e.getMessage());
        }
    }

    static int report(BootCheck.Result r) {
        System.out.println("hostapp-update: " + r.message());
        return r.exitCode().code();
    }
}
