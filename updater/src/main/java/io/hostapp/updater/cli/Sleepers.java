package io.hostapp.updater.cli;

import io.hostapp.updater.health.HealthCheckRunner;

/** The health window's real sleeper. */
final class Sleepers {
    static final HealthCheckRunner.Sleeper REAL = seconds -> Thread.sleep(seconds * 1000);

    private Sleepers() {
    }
}
