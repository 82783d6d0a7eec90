package io.hostapp.updater.cli;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.fetch.FetchException;
import io.hostapp.updater.fetch.HttpFetcher;

/** The HTTP fetcher a device's configuration asks for (TLS material, proxy, bandwidth cap, deadline). */
final class Fetchers {
    private Fetchers() {
    }

    static HttpFetcher forDevice(Device d) throws UpdateException {
        try {
            return HttpFetcher.create(d.config().fetch(), d.config().policy(), d.listener());
        } catch (FetchException e) {
            throw new UpdateException(ExitCode.CONFIG, d.configFile() + ": " + e.getMessage(), e);
        }
    }
}
