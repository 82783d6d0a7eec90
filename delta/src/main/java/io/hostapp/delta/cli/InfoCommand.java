package io.hostapp.delta.cli;

import io.hostapp.delta.OpKind;
import io.hostapp.delta.PayloadHeader;
import io.hostapp.delta.PayloadInfo;
import io.hostapp.delta.PayloadKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hostapp-delta info DELTA}. */
@Command(name = "info", description = "Prints a payload's kind, source and target hashes (and the source chunk"
        + " digest the decoder checks), and operation counts and bytes by kind; checks every operation header on"
        + " the way.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DELTA", description = "payload file")
    Path payload;

    @Override
    public Integer call() throws Exception {
        PayloadInfo info;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(payload), 1 << 16)) {
            info = PayloadInfo.read(in);
        }
        PayloadHeader h = info.header();
        System.out.println("payload:     " + payload + " (" + info.payloadBytes() + " bytes)");
        System.out.println("kind:        " + h.kind());
        System.out.println("source:      " + h.sourceLength() + " bytes sha256 " + h.sourceHex());
        if (h.kind() == PayloadKind.DELTA) {
            System.out.println("             chunk digest " + h.sourceDigestHex() + " (2^" + h.sourceChunkLog()
                    + "-byte chunks)");
            System.out.println("             " + info.chunkTable().readChunks() + " of " + info.chunkTable().chunks()
                    + " chunks read by the delta (" + info.chunkTable().readBytes()
                    + " bytes; what patch checks before writing)");
        }
        System.out.println("target:      " + h.targetLength() + " bytes sha256 " + h.targetHex());
        System.out.println("operations:  " + h.operationCount() + " (max reference " + h.maxReference()
                + " bytes, zstd window log " + h.windowLog() + ")");
        System.out.printf("  %-11s %7s %14s %12s%n", "kind", "ops", "target bytes", "data bytes");
        for (OpKind k : OpKind.values()) {
            System.out.printf("  %-11s %7d %14d %12d%n", k, info.countByKind().getOrDefault(k, 0),
                    info.targetBytesByKind().getOrDefault(k, 0L), info.dataBytesByKind().getOrDefault(k, 0L));
        }
        return 0;
    }
}
