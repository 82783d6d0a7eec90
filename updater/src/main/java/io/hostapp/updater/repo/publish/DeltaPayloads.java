package io.hostapp.updater.repo.publish;

import io.hostapp.delta.encoder.DeltaEncoder;
import io.hostapp.delta.encoder.EncodeStats;
import io.hostapp.delta.encoder.EncoderOptions;
import io.hostapp.manifest.ManifestException;
import io.hostapp.manifest.metadata.TargetFile;
import io.hostapp.manifest.publish.RepositoryPublisher;
import io.hostapp.manifest.rollout.PayloadInfo;
import io.hostapp.manifest.rollout.PayloadKind;
import io.hostapp.manifest.rollout.Rollouts;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code hostapp-repo add --delta-from VERSION IMAGE}: a delta payload from release {@code from} (whose image is
 * {@code fromImage}, byte for byte what a device running it holds in its slot) to the release being added,
 * encoded by the delta engine ({@code delta/}) and staged as target {@code BOARD/VERSION/delta-from-FROM.bin}
 * with kind {@code delta} and {@code from}; {@code image.*} describe the resulting image, as for the full
 * payload. A delta needs no channels: the release is chosen by its full payload, and a device whose slot is
 * not the delta's source falls back to that full payload.
 */
public final class DeltaPayloads {
    private DeltaPayloads() {
    }

    /** Encodes and stages the delta; prints the encoder's size and memory figures to {@code log}. */
    public static TargetFile add(RepositoryPublisher publisher, String board, String version, String from,
                                 Path fromImage, Path toImage, int level, Consumer<String> log) throws UpdateException {
        for (Path p : new Path[] {fromImage, toImage}) {
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw new UpdateException(ExitCode.INPUT, p + ": not a readable file");
            }
        }
        Path out = null;
        try {
            Files.createDirectories(publisher.layout().stagingDir());
            out = Files.createTempFile(publisher.layout().stagingDir(), ".delta-", ".hapd");
            EncodeStats stats = new DeltaEncoder(EncoderOptions.DEFAULT.withLevel(level), log).diff(fromImage, toImage, out);
            log.accept("delta " + from + " -> " + version + ": " + Files.size(out) + " bytes (" + stats + ")");
            ImagePayloads.Measured m = ImagePayloads.measure(toImage);
            PayloadInfo info = new PayloadInfo(board, version, PayloadKind.DELTA, Optional.of(from), m.length(),
                    m.sha256(), Map.of(), false);
            return Rollouts.addPayload(publisher, info, out);
        } catch (ManifestException e) {
            throw PublishErrors.signing(e);
        } catch (IllegalArgumentException e) {
            throw new UpdateException(ExitCode.USAGE, "delta " + from + " -> " + version + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UpdateException(ExitCode.INPUT, "delta " + from + " -> " + version + ": " + e.getMessage(), e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file in staging/ is harmless
                }
            }
        }
    }
}
