package io.hostapp.updater.install;

import io.hostapp.updater.UpdateException;

/** One small step of the install pipeline; its inputs come through its constructor (Jib style). */
interface InstallStep<T> {
    /** Name shown in events, e.g. {@code mark inactive slot b bad}. */
    String name();

    T call() throws UpdateException;
}
