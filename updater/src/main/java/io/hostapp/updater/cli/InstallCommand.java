package io.hostapp.updater.cli;

import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;
import io.hostapp.updater.device.Device;
import io.hostapp.updater.device.UpdateLock;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.fetch.FetchConfig;
import io.hostapp.updater.fetch.FetchException;
import io.hostapp.updater.fetch.FetchPolicy;
import io.hostapp.updater.fetch.HttpFetcher;
import io.hostapp.updater.install.FilePayloadSource;
import io.hostapp.updater.install.InstallPipeline;
import io.hostapp.updater.install.InstallRequest;
import io.hostapp.updater.install.PayloadSource;
import io.hostapp.updater.install.UrlPayloadSource;
import io.hostapp.updater.sim.SimPowerCycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code hostapp-update install FILE|URL}: the same install as {@code -f}/{@code -i}. */
@Command(name = "install", description = "Install an image (file or http(s) URL) into the inactive slot and arm a trial boot.")
final class InstallCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|URL")
    String payload;

    @Mixin
    InstallOptions install;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws UpdateException {
        boolean url = payload.startsWith("http://") || payload.startsWith("https://");
        return install(device, install, payload, url);
    }

    static int install(DeviceOptions opts, InstallOptions flags, String payload, boolean url) throws UpdateException {
        UpdateListener listener = opts.listener();
        Device d = opts.open(listener);
        try {
            return install(d, listener, flags, payload, url);
        } catch (FetchException e) {
            throw new UpdateException(ExitCode.INPUT, e.getMessage(), e);
        } finally {
            d.flushReports();
        }
    }

    private static int install(Device d, UpdateListener listener, InstallOptions flags, String payload, boolean url)
            throws UpdateException, FetchException {
        PayloadSource src = url
                ? new UrlPayloadSource(payload, HttpFetcher.create(FetchConfig.DEFAULT, FetchPolicy.defaults(), listener), -1)
                : new FilePayloadSource(Path.of(payload));
        try (UpdateLock lock = UpdateLock.acquire(d.dataDir())) {
            new InstallPipeline(d).run(new InstallRequest(src, Optional.ofNullable(flags.release), flags.noHooks,
                    flags.noRecovery));
        }
        if (flags.reboot) {
            if (d.simulated()) {
                return SimPowerCycle.run(d.base(), d.storage(), listener, Sleepers.REAL).exitCode().code();
            }
            d.rebooter().reboot("install finished");
        }
        return 0;
    }
}
