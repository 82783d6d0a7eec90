package io.hostapp.delta.cli;

import io.hostapp.delta.OpKind;
import io.hostapp.delta.encoder.DeltaEncoder;
import io.hostapp.delta.encoder.EncodeStats;
import io.hostapp.delta.encoder.EncoderOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hostapp-delta diff OLD NEW OUT}. */
@Command(name = "diff", description = "Writes a delta turning image OLD into image NEW to OUT; prints its size,"
        + " operations, time and peak memory.")
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD", description = "source image (what devices run now)")
    Path oldImage;
    @Parameters(index = "1", paramLabel = "NEW", description = "target image")
    Path newImage;
    @Parameters(index = "2", paramLabel = "OUT", description = "delta payload to write")
    Path out;
    @Option(names = "--threads", description = "compression threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--level", description = "zstd level 1..22 (default ${DEFAULT-VALUE})")
    int level = EncoderOptions.DEFAULT.level();
    @Option(names = {"-v", "--verbose"}, description = "print progress notes")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        EncoderOptions o = EncoderOptions.DEFAULT.withThreads(threads).withLevel(level);
        EncodeStats s = new DeltaEncoder(o, verbose ? System.err::println : m -> { }).diff(oldImage, newImage, out);
        print(s, out);
        return 0;
    }

    static void print(EncodeStats s, Path out) {
        System.out.printf("%s: %d bytes, %d operations, %.1f s, peak RSS %d MiB%n", out, s.payloadBytes(),
                s.operations(), s.millis() / 1000.0, s.peakRssBytes() >> 20);
        for (OpKind k : OpKind.values()) {
            if (s.countByKind().containsKey(k)) {
                System.out.printf("  %-11s %7d ops %14d target bytes %12d data bytes%n", k, s.countByKind().get(k),
                        s.targetBytesByKind().get(k), s.dataBytesByKind().get(k));
            }
        }
    }
}
