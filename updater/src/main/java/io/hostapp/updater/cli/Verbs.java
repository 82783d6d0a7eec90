package io.hostapp.updater.cli;

import io.hostapp.boot.Slot;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.device.UpdateLock;
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

    /** One state-changing verb on a device: open it, take the update lock, run, print the result. */
    interface Verb {
        BootCheck.Result run(Device d) throws UpdateException;
    }

    static int locked(DeviceOptions opts, Verb verb) throws UpdateException {
        Device d = opts.open();
        BootCheck.Result r;
        try (UpdateLock lock = UpdateLock.acquire(d.dataDir())) {
            r = verb.run(d);
        }
        d.flushReports();
        System.out.println("hostapp-update: " + r.message());
        return r.exitCode().code();
    }
}
