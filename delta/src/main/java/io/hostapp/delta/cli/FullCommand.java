package io.hostapp.delta.cli;

import io.hostapp.delta.encoder.DeltaEncoder;
import io.hostapp.delta.encoder.EncodeStats;
import io.hostapp.delta.encoder.EncoderOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hostapp-delta full IMAGE OUT}. */
@Command(name = "full", description = "Writes a full-image payload of IMAGE to OUT (ZERO and DATA operations"
        + " only; apply it with: patch - OUT.payload TARGET).")
final class FullCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "the image")
    Path image;
    @Parameters(index = "1", paramLabel = "OUT", description = "payload to write")
    Path out;
    @Option(names = "--threads", description = "compression threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--level", description = "zstd level 1..22 (default ${DEFAULT-VALUE})")
    int level = EncoderOptions.DEFAULT.level();
    @Option(names = {"-v", "--verbose"}, description = "print progress notes")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        EncoderOptions o = EncoderOptions.FULL_IMAGE.withThreads(threads).withLevel(level);
        EncodeStats s = new DeltaEncoder(o, verbose ? System.err::println : m -> { }).fullImage(image, out);
        DiffCommand.print(s, out);
        return 0;
    }
}
