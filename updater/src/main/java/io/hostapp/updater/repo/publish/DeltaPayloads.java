package io.hostapp.updater.repo.publish;

import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.nio.file.Path;

/**
 * The hook for {@code hostapp-repo add --delta-from VERSION IMAGE}: a delta payload from release {@code from}
 * (whose image is {@code fromImage}) to the release being added. Not implemented until the delta engine
 * ({@code delta/}) has an encoder; until then it fails with one line and {@link ExitCode#USAGE}.
 *
 * <p>To integrate: encode {@code fromImage} → {@code toImage} with the delta engine into a temp file, then
 * stage it with {@code Rollouts.addPayload(publisher, new PayloadInfo(board, version, PayloadKind.DELTA,
 * Optional.of(from), toImageLength, toImageSha256, Map.of(), false), deltaFile)} (target path
 * {@code BOARD/VERSION/delta-from-FROM.bin}; {@code image.*} describe the RESULTING image, as for the full
 * payload). A delta needs no channels: the release is chosen by its full payload.
 */
public final class DeltaPayloads {
    private DeltaPayloads() {
    }

    /** Stages a delta payload; not yet supported. */
    public static void add(RepositoryPublisher publisher, String board, String version, String from, Path fromImage,
                           Path toImage) throws UpdateException {
        throw new UpdateException(ExitCode.USAGE, "--delta-from " + from + " " + fromImage
                + ": delta payloads are not yet supported (publish the full image only)");
    }
}
