package io.hostapp.updater.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostapp.updater.events.UpdateListener;
import io.hostapp.updater.journal.Journal;
import io.hostapp.updater.storage.Storage;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Outcome reports: after each update one JSON document is spooled durably in {@code DATA_DIR/reports/} and
 * POSTed to the configured URL; a report is deleted once the server took it (2xx) and retried at the next
 * flush otherwise. Reporting never blocks or fails an update: every error here is logged and swallowed.
 * <pre>
 * {"deviceId": "...", "board": "sim-uboot", "fromVersion": "v1", "toVersion": "v2", "outcome": "committed",
 *  "reason": "health checks passed", "startedAt": "...", "finishedAt": "...", "durationSeconds": 42,
 *  "bytesFetched": 108174}
 * </pre>
 */
public final class ReportSpool {
    public static final String DIR = "reports";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final Storage storage;
    private final Path dataDir;
    private final String board;
    private final UpdateListener listener;

    public ReportSpool(Storage storage, Path dataDir, String board, UpdateListener listener) {
        this.storage = storage;
        this.dataDir = dataDir;
        this.board = board;
        this.listener = listener;
    }

    /** Spools the report of an outcome just recorded; {@code update} is the update it ended (may be null). */
    public void record(Journal.Outcome o, Journal.Update update, Journal before) {
        try {
            ObjectNode n = JSON.createObjectNode();
            n.put("deviceId", DeviceId.of(storage, dataDir));
            n.put("board", board);
            n.put("fromVersion", update == null ? null
                    : before.slot(update.fromSlot()).map(Journal.Release::version).orElse(null));
            n.put("toVersion", o.version());
            n.put("outcome", o.result());
            n.put("reason", o.reason());
            if (update != null) {
                n.put("startedAt", update.startedAt());
                n.put("durationSeconds", seconds(update.startedAt(), o.at()));
                if (update.fetched() >= 0) {
                    n.put("bytesFetched", update.fetched());
                }
            }
            n.put("finishedAt", o.at());
            Path dir = Files.createDirectories(dataDir.resolve(DIR));
            storage.writeFileAtomically(dir.resolve(System.currentTimeMillis() + "-" + o.result() + ".json"),
                    JSON.writeValueAsBytes(n));
        } catch (IOException | RuntimeException e) {
            listener.info("outcome report not spooled: " + e.getMessage());
        }
    }

    /** POSTs every spooled report to {@code url}; returns how many the server took. Never throws. */
    public int flush(OkHttpClient client, String url) {
        Path dir = dataDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int sent = 0;
        OkHttpClient quick = client.newBuilder().callTimeout(Duration.ofSeconds(10)).build();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return 0;
        }
        for (Path f : files) {
            try {
                byte[] body = storage.readFile(f);
                Request req = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE)).build();
                try (Response r = quick.newCall(req).execute()) {
                    if (!r.isSuccessful()) {
                        listener.info("outcome report: " + url + " answered HTTP " + r.code() + "; will retry later");
                        break;
                    }
                }
                Files.delete(f);
                sent++;
            } catch (IOException | RuntimeException e) {
                listener.info("outcome report: " + url + " unreachable (" + e.getMessage() + "); will retry later");
                break;
            }
        }
        return sent;
    }

    private static long seconds(String from, String to) {
        try {
            return Duration.between(Instant.parse(from), Instant.parse(to)).toSeconds();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
