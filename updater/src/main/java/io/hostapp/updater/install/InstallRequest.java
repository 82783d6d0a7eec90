package io.hostapp.updater.install;

import java.util.Optional;

/**
 * One install as the user asked for it.
 *
 * @param source     the payload
 * @param version    release name to record; default: the sidecar's {@code release}, else the file name
 * @param skipHooks  {@code -n}: run no hooks
 * @param noRecovery {@code -x}: on failure, do not run the cleanup hooks
 * @param fallback   the full image to install when {@code source} is a delta whose source is not the active slot
 */
public record InstallRequest(PayloadSource source, Optional<String> version, boolean skipHooks, boolean noRecovery,
                             Optional<PayloadSource> fallback) {

    public InstallRequest(PayloadSource source, Optional<String> version, boolean skipHooks, boolean noRecovery) {
        this(source, version, skipHooks, noRecovery, Optional.empty());
    }
}
