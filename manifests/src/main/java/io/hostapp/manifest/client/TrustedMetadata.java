package io.hostapp.manifest.client;

import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.Snapshot;
import io.hostapp.manifest.metadata.Targets;
import io.hostapp.manifest.metadata.Timestamp;

/** The top-level metadata after a successful {@link RepositoryClient#refresh()}: verified, current, unexpired. */
public record TrustedMetadata(Root root, Timestamp timestamp, Snapshot snapshot, Targets targets) {
}
