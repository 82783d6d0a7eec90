package io.hostapp.updater.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code --json}: one JSON object per line per event, for machines. Every object has {@code event} and
 * {@code time} (ISO-8601); the other keys are the event's fields. Progress is emitted at most once per
 * percent per phase.
 * <pre>
 * {"event":"step-started","time":"...","step":"write v2.img to slot-b.img"}
 * {"event":"progress","time":"...","phase":"write","done":4194304,"total":8388608}
 * {"event":"state","time":"...","from":"ArtifactInstall","to":"ArtifactReboot"}
 * {"event":"health-check","time":"...","check":"engine","attempt":1,"attempts":3,"passed":false,"detail":"exit 1"}
 * {"event":"fetch-retry","time":"...","url":"...","position":123,"attempt":1,"delayMillis":800,"reason":"..."}
 * {"event":"info","time":"...","message":"..."}
 * </pre>
 */
public final class JsonLinesListener implements UpdateListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private String progressPhase;
    private long lastPercent = -1;

    public JsonLinesListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void stepStarted(String step) {
        emit(event("step-started").put("step", step));
    }

    @Override
    public void stepFinished(String step) {
        emit(event("step-finished").put("step", step));
    }

    @Override
    public void stepFailed(String step, String reason) {
        emit(event("step-failed").put("step", step).put("reason", reason));
    }

    @Override
    public void progress(String phase, long done, long total) {
        long percent = total > 0 ? done * 100 / total : done >> 20;
        if (phase.equals(progressPhase) && percent == lastPercent) {
            return;
        }
        progressPhase = phase;
        lastPercent = percent;
        emit(event("progress").put("phase", phase).put("done", done).put("total", total));
    }

    @Override
    public void stateChanged(String from, String to) {
        emit(event("state").put("from", from).put("to", to));
    }

    @Override
    public void healthCheck(String check, int attempt, int attempts, boolean passed, String detail) {
        emit(event("health-check").put("check", check).put("attempt", attempt).put("attempts", attempts)
                .put("passed", passed).put("detail", detail));
    }

    @Override
    public void fetchRetry(String url, long position, int attempt, Duration delay, String reason) {
        emit(event("fetch-retry").put("url", url).put("position", position).put("attempt", attempt)
                .put("delayMillis", delay.toMillis()).put("reason", reason));
    }

    @Override
    public void info(String message) {
        emit(event("info").put("message", message));
    }

    private static ObjectNode event(String name) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event", name);
        n.put("time", Instant.now().toString());
        return n;
    }

    private void emit(ObjectNode n) {
        out.println(n.toString());
    }
}
