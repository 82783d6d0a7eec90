package io.hostapp.manifest.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The on-disk layout of a repository the publisher maintains (consistent snapshots, TUF 1.0 §7):
 * <pre>
 * REPO/metadata/N.root.json        every root version, kept forever (clients walk the chain)
 * REPO/metadata/root.json          copy of the newest root, for provisioning devices
 * REPO/metadata/timestamp.json     the only file ever replaced in place (atomically)
 * REPO/metadata/N.snapshot.json    snapshot version N
 * REPO/metadata/N.targets.json     targets version N
 * REPO/targets/DIR/SHA256.NAME     target DIR/NAME, prefixed with its SHA-256
 * REPO/staging/                    unsigned work in progress: targets.json (next targets), root.json
 *                                  (next root and the signatures collected so far); not to be served
 * </pre>
 * Serve {@code metadata/} and {@code targets/} with any static web server.
 */
public record RepositoryLayout(Path root) {

    private static final Pattern VERSIONED = Pattern.compile("(\\d+)\\.root\\.json");

    public Path metadataDir() {
        return root.resolve("metadata");
    }

    public Path targetsDir() {
        return root.resolve("targets");
    }

    public Path stagingDir() {
        return root.resolve("staging");
    }

    public Path versionedMetadata(long version, String role) {
        return metadataDir().resolve(version + "." + role + ".json");
    }

    public Path timestampFile() {
        return metadataDir().resolve("timestamp.json");
    }

    public Path latestRootFile() {
        return metadataDir().resolve("root.json");
    }

    public Path stagedTargets() {
        return stagingDir().resolve("targets.json");
    }

    public Path stagedRoot() {
        return stagingDir().resolve("root.json");
    }

    /** Where target {@code path} with SHA-256 {@code sha256} is stored: hash-prefixed file name. */
    public Path targetFile(String path, String sha256) {
        int slash = path.lastIndexOf('/');
        String hashed = path.substring(0, slash + 1) + sha256 + "." + path.substring(slash + 1);
        Path p = targetsDir().resolve(hashed).normalize();
        if (!p.startsWith(targetsDir().normalize())) {
            throw new IllegalArgumentException("target path '" + path + "' leaves the targets directory");
        }
        return p;
    }

    /** The highest N with an {@code N.root.json}, or empty before the first publish. */
    public OptionalLong newestRootVersion() throws IOException {
        if (!Files.isDirectory(metadataDir())) {
            return OptionalLong.empty();
        }
        try (Stream<Path> s = Files.list(metadataDir())) {
            return s.map(p -> VERSIONED.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1)))
                    .max();
        }
    }
}
