package io.hostapp.updater.daemon;

import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.install.InstallRequest;

import java.util.Optional;

/** Where the daemon learns about releases: the signed repository in production. */
public interface UpdateSource {
    /** The install this device should run now, or empty when it is up to date. */
    Optional<InstallRequest> check(Device device) throws UpdateException;
}
