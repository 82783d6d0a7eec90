package io.hostapp.tests.fuzz;

/** Property checks inside fuzz targets: a violated property is an {@link AssertionError}, i.e. a finding. */
final class Check {
    private Check() {
    }

    static void that(boolean property, String what) {
        if (!property) {
            throw new AssertionError(what);
        }
    }
}
