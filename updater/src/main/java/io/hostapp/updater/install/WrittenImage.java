package io.hostapp.updater.install;

/** What was written to the slot, measured while streaming: digests travel with the data. */
public record WrittenImage(long length, String sha256) {
}
