package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow client never slows the others: a client that stops reading while fast demo turns stream is told to
 * resubscribe once its bounded buffer overflows, another client on the same session gets every event meanwhile, and
 * the slow one catches up by resubscribing, receiving every event exactly once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SlowClientTest {

    /**
     * Turns streamed while the slow client is not reading. Each long demo answer is about 60 KB of frames; the slow
     * client's share of the network (a 128 KB kernel send buffer, its small receive window) and its 4 KB bound at the
     * server together hold less than this many.
     */
    static final int TURNS = 4;

    @TempDir
    static Path data;

    static TestInstance cial;

    @BeforeAll
    static void start() {
        cial = TestInstance.start(
                data,
                Map.of(
                        "CIAL_DEMO_DELAY_MS", "0",
                        "CIAL_CLIENT_BUFFER_BYTES", "4096",
                        "CIAL_SOCKET_SEND_BUFFER_BYTES", "65536"));
    }

    @AfterAll
    static void stop() {
        cial.close();
    }

    private static List<Long> seqs(List<JsonObject> frames) {
        return frames.stream()
                .filter(f -> f.containsKey("seq"))
                .map(f -> f.getLong("seq"))
                .toList();
    }

    private static List<Long> storedSeqs(String sessionId) {
        JsonObject page = cial.get("/sessions/" + sessionId + "/events?after=0&limit=5000")
                .bodyAsJsonObject();
        return page.getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getLong("seq"))
                .toList();
    }

    @Test
    void aClientThatStopsReadingIsToldToResubscribeWhileOthersGetEveryEvent() {
        String sessionId = cial.post("/sessions", new JsonObject().put("provider", "demo"))
                .bodyAsJsonObject()
                .getString("id");
        // A small receive window, so the network holds little of what the slow client does not read.
        WebSocketClientOptions smallWindow = new WebSocketClientOptions().setReceiveBufferSize(4096);
        try (SocketClient fast = new SocketClient(cial.socket(Map.of()));
                SocketClient slow = new SocketClient(cial.socket(Map.of(), smallWindow))) {
            for (SocketClient ws : List.of(fast, slow)) {
                ws.send(new JsonObject().put("type", "subscribe").put("sessionId", sessionId));
                ws.first("subscribed", 30);
            }
            slow.pause();
            List<JsonObject> fastFrames = new ArrayList<>();
            String lastTurn = null;
            for (int i = 0; i < TURNS; i++) {
                lastTurn = cial.post("/sessions/" + sessionId + "/turns", new JsonObject().put("text", "slow " + i))
                        .bodyAsJsonObject()
                        .getString("turnId");
                fastFrames.addAll(fast.until(SocketClient.doneOf(lastTurn), 60));
            }
            List<Long> stored = storedSeqs(sessionId);
            assertThat(seqs(fastFrames))
                    .as("the fast client got every event while the slow one was not reading")
                    .containsExactlyElementsOf(stored);
            assertThat(fastFrames).noneMatch(f -> "resubscribe".equals(f.getString("type")));

            slow.resume();
            List<JsonObject> slowFrames = new ArrayList<>();
            int resubscribes = catchUp(slow, sessionId, lastTurn, slowFrames);

            assertThat(resubscribes).isGreaterThanOrEqualTo(1);
            assertThat(seqs(slowFrames)).containsExactlyElementsOf(stored);
        }
    }

    /** Reads until the turn's end, answering every {@code resubscribe}; @return how many there were */
    private static int catchUp(SocketClient ws, String sessionId, String turnId, List<JsonObject> into) {
        int resubscribes = 0;
        while (true) {
            List<JsonObject> frames =
                    ws.until(f -> SocketClient.doneOf(turnId).test(f) || "resubscribe".equals(f.getString("type")), 60);
            into.addAll(frames);
            JsonObject last = frames.get(frames.size() - 1);
            if (!"resubscribe".equals(last.getString("type"))) {
                return resubscribes;
            }
            resubscribes++;
            List<Long> got = seqs(into);
            assertThat(last.getLong("after")).isEqualTo(got.isEmpty() ? 0 : got.get(got.size() - 1));
            ws.send(new JsonObject()
                    .put("type", "subscribe")
                    .put("sessionId", sessionId)
                    .put("after", last.getLong("after")));
        }
    }
}
