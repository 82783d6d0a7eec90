package io.hostapp.manifest.publish;

import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.metadata.MetaFile;
import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.metadata.Signed;
import io.hostapp.manifest.metadata.Snapshot;
import io.hostapp.manifest.metadata.Targets;
import io.hostapp.manifest.metadata.Timestamp;
import io.hostapp.manifest.metadata.UnverifiedMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The newest published version of each top-level role, read from the tree: the highest
 * {@code N.root.json}, {@code timestamp.json}, the snapshot it names and the targets that snapshot
 * names. These are the publisher's own files; {@link TreeVerifier} is what checks them as a device would.
 */
final class PublishedState {

    private Root root;
    private Timestamp timestamp;
    private Snapshot snapshot;
    private Targets targets;

    static PublishedState read(RepositoryLayout layout) throws ManifestException {
        PublishedState s = new PublishedState();
        try {
            OptionalLong rootVersion = layout.newestRootVersion();
            if (rootVersion.isEmpty()) {
                return s;
            }
            s.root = read(layout.versionedMetadata(rootVersion.getAsLong(), "root"), "root", Root::parse);
            if (!Files.exists(layout.timestampFile())) {
                return s;
            }
            s.timestamp = read(layout.timestampFile(), "timestamp", Timestamp::parse);
            s.snapshot = read(layout.versionedMetadata(s.timestamp.snapshotMeta().version(), "snapshot"),
                    "snapshot", Snapshot::parse);
            MetaFile tm = s.snapshot.meta().get("targets.json");
            if (tm == null) {
                throw new ManifestException("snapshot v" + s.snapshot.version() + ": does not list targets.json");
            }
            s.targets = read(layout.versionedMetadata(tm.version(), "targets"), "targets", Targets::parse);
        } catch (IOException e) {
            throw new ManifestException("repository " + layout.root() + ": cannot read metadata: " + e.getMessage(), e);
        }
        return s;
    }

    private static <T extends Signed> T read(Path file, String role, UnverifiedMetadata.SignedParser<T> parser)
            throws IOException, ManifestException {
        return UnverifiedMetadata.parse(role, Files.readAllBytes(file), parser).untrustedSigned();
    }

    Optional<Root> root() {
        return Optional.ofNullable(root);
    }

    Optional<Timestamp> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    Optional<Snapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    Optional<Targets> targets() {
        return Optional.ofNullable(targets);
    }

    void update(Root r, Targets t, Snapshot s, Timestamp ts) {
        root = r;
        targets = t;
        snapshot = s;
        timestamp = ts;
    }
}
