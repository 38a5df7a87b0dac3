package io.cial.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One WebSocket client driving one demo turn: it sends {@code turn.start}, records the {@code seq} of every turn frame
 * and, for each event the engine stamped, the latency from the engine writing its line to this client receiving the
 * frame. A {@code resubscribe} is answered as a real client would. All state is touched on the client's event loop
 * until {@link #done} completes.
 */
final class TurnClient {

    private final List<Long> seqs = new ArrayList<>();
    private final List<Long> latencies = new ArrayList<>();
    private final List<Long> written = new ArrayList<>();
    private final Promise<Void> started = Promise.promise();
    private final Promise<Void> done = Promise.promise();
    private WebSocket ws;
    private String sessionId;
    private String turnId;
    private long afterSeq;
    private int resubscribes;
    private String status;

    /** Connects and starts the turn; a failure to connect or send fails {@link #started} and {@link #done}. */
    Future<Void> start(WebSocketClient client, int port, String prompt) {
        return client.connect(port, "127.0.0.1", "/.cial/api/ws")
                .compose(socket -> {
                    ws = socket;
                    ws.textMessageHandler(this::onText);
                    ws.exceptionHandler(this::fail);
                    return ws.writeTextMessage(new JsonObject()
                            .put("type", "turn.start")
                            .put("id", "start")
                            .put("provider", "demo")
                            .put("text", prompt)
                            .encode());
                })
                .onFailure(this::fail);
    }

    private void onText(String text) {
        long received = Micros.now();
        JsonObject frame = new JsonObject(text);
        switch (frame.getString("type", "")) {
            case "turn.started" -> {
                sessionId = frame.getString("sessionId");
                turnId = frame.getString("turnId");
                afterSeq = frame.getLong("afterSeq", 0L);
                started.tryComplete();
            }
            case "turn.event" -> onEvent(frame, received);
            case "turn.done" -> {
                if (frame.getString("turnId").equals(turnId)) {
                    seqs.add(frame.getLong("seq"));
                    status = frame.getString("status");
                    done.tryComplete();
                }
            }
            case "resubscribe" -> resubscribe(frame.getLong("after"));
            case "error" -> fail(
                    new IllegalStateException(frame.getString("code") + ": " + frame.getString("message")));
            default -> {}
        }
    }

    private void fail(Throwable failure) {
        started.tryFail(failure);
        done.tryFail(failure);
    }

    private void onEvent(JsonObject frame, long received) {
        seqs.add(frame.getLong("seq"));
        Long ts = frame.getJsonObject("event").getLong("ts");
        if (ts != null) {
            latencies.add(received - ts);
            written.add(ts);
        }
    }

    private void resubscribe(long after) {
        resubscribes++;
        ws.writeTextMessage(new JsonObject()
                .put("type", "subscribe")
                .put("sessionId", sessionId)
                .put("after", after)
                .encode());
    }

    /** Completes when the server has answered {@code turn.start}. */
    Future<Void> started() {
        return started.future();
    }

    Future<Void> done() {
        return done.future();
    }

    Future<Void> close() {
        return ws == null ? Future.succeededFuture() : ws.close();
    }

    /** Latencies of the events written at or after {@code sinceMicros}. */
    List<Long> latencies(long sinceMicros) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < latencies.size(); i++) {
            if (written.get(i) >= sinceMicros) {
                out.add(latencies.get(i));
            }
        }
        return out;
    }

    /** When the engine wrote the turn's first stamped line, or Long.MAX_VALUE when none arrived. */
    long firstWritten() {
        return written.stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    /** Whether the turn ended {@code ok}. */
    boolean ok() {
        return "ok".equals(status);
    }

    int resubscribes() {
        return resubscribes;
    }

    int received() {
        return seqs.size();
    }

    /** Compares what arrived with what the instance stored: {@code [lost, duplicated, stored]}. */
    Future<int[]> audit(WebClient http, int port) {
        if (sessionId == null) {
            return Future.succeededFuture(new int[] {0, 0, 0});
        }
        String uri = "/.cial/api/v1/sessions/" + sessionId + "/events?limit=5000&after=" + afterSeq;
        return http.get(port, "127.0.0.1", uri).send().map(this::compare);
    }

    private int[] compare(HttpResponse<Buffer> response) {
        Set<Long> stored = new HashSet<>();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the stored events could not be read: " + response.bodyAsString());
        }
        response.bodyAsJsonObject()
                .getJsonArray("items")
                .forEach(item -> stored.add(((JsonObject) item).getLong("seq")));
        Set<Long> distinct = new HashSet<>(seqs);
        int duplicated = seqs.size() - distinct.size();
        distinct.retainAll(stored);
        return new int[] {stored.size() - distinct.size(), duplicated, stored.size()};
    }
}
