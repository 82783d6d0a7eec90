package io.hostapp.manifest.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything a {@link RepositoryClient} needs: where trusted metadata lives, where the repository is,
 * how to fetch, which clock judges expiry, and the size bounds of metadata whose length is not
 * signed elsewhere. Defaults are python-tuf's.
 *
 * @param metadataDir       trusted metadata directory; must already hold {@code root.json}
 * @param metadataBaseUrl   URL of the repository's metadata directory (a trailing {@code /} is added)
 * @param targetBaseUrl     URL of the repository's targets directory (a trailing {@code /} is added)
 * @param fetcher           transport
 * @param clock             judges expiry; inject a fixed clock in tests
 * @param maxRootRotations  most root versions fetched in one refresh
 * @param maxDelegations    most delegated roles visited in one target search
 * @param rootMaxLength     bound for root.json downloads (bytes)
 * @param timestampMaxLength bound for timestamp.json downloads
 * @param snapshotMaxLength bound for snapshot.json when timestamp does not sign its length
 * @param targetsMaxLength  bound for targets roles when snapshot does not sign their length
 */
public record ClientConfig(Path metadataDir, URI metadataBaseUrl, URI targetBaseUrl, Fetcher fetcher, Clock clock,
                           int maxRootRotations, int maxDelegations, long rootMaxLength, long timestampMaxLength,
                           long snapshotMaxLength, long targetsMaxLength) {

    public ClientConfig {
        Objects.requireNonNull(metadataDir, "metadataDir");
        Objects.requireNonNull(metadataBaseUrl, "metadataBaseUrl");
        Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(clock, "clock");
        metadataBaseUrl = withSlash(metadataBaseUrl);
        targetBaseUrl = targetBaseUrl == null ? null : withSlash(targetBaseUrl);
    }

    /** Defaults: HTTP fetcher, system UTC clock, 256 root rotations, 32 delegations, 512 KB / 16 KB / 2 MB / 5 MB. */
    public static ClientConfig of(Path metadataDir, URI metadataBaseUrl, URI targetBaseUrl) {
        return new ClientConfig(metadataDir, metadataBaseUrl, targetBaseUrl, new HttpFetcher(), Clock.systemUTC(),
                256, 32, 512_000, 16_384, 2_000_000, 5_000_000);
    }

    public ClientConfig withFetcher(Fetcher f) {
        return new ClientConfig(metadataDir, metadataBaseUrl, targetBaseUrl, f, clock, maxRootRotations, maxDelegations,
                rootMaxLength, timestampMaxLength, snapshotMaxLength, targetsMaxLength);
    }

    public ClientConfig withClock(Clock c) {
        return new ClientConfig(metadataDir, metadataBaseUrl, targetBaseUrl, fetcher, c, maxRootRotations, maxDelegations,
                rootMaxLength, timestampMaxLength, snapshotMaxLength, targetsMaxLength);
    }

    /** Same config with other metadata size bounds (bytes). */
    public ClientConfig withMaxLengths(long root, long timestamp, long snapshot, long targets) {
        return new ClientConfig(metadataDir, metadataBaseUrl, targetBaseUrl, fetcher, clock, maxRootRotations,
                maxDelegations, root, timestamp, snapshot, targets);
    }

    private static URI withSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + "/");
    }
}
