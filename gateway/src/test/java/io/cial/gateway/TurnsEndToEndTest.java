package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.testing.FakeAnthropic;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spine end to end: the real instance, a real WebSocket client, and the real Claude Code CLI talking to a fake
 * Anthropic Messages API on loopback; plus the offline demo engine, cancel, racing starts, reconnects and restart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TurnsEndToEndTest {

    @TempDir
    static Path data;

    static FakeAnthropic anthropic;
    static TestInstance cial;

    @BeforeAll
    static void start() {
        cial = TestInstance.start(
                data,
                Map.of(
                        "ANTHROPIC_API_KEY", "sk-ant-fake-e2e",
                        "ANTHROPIC_BASE_URL", "http://127.0.0.1:1",
                        "CIAL_DEMO_DELAY_MS", "20"));
        anthropic = FakeAnthropic.start(cial.client).await();
        anthropic.script("use the tool", FakeAnthropic.Reply.bash("echo hi"));
        anthropic.script("slowly", FakeAnthropic.Reply.slow(40, 100));
        restartWithFake();
    }

    /** The fake's port is known only once it runs, so the instance is restarted with it. */
    private static void restartWithFake() {
        cial.instance.close().await();
        cial = new TestInstance(
                Instance.start(TestInstance.settings(
                                data,
                                Map.of(
                                        "ANTHROPIC_API_KEY", "sk-ant-fake-e2e",
                                        "ANTHROPIC_BASE_URL", anthropic.baseUrl(),
                                        "CIAL_DEMO_DELAY_MS", "20")))
                        .await(),
                cial.client);
    }

    @AfterAll
    static void stop() {
        anthropic.close().await();
        cial.close();
    }

    private static String text(List<JsonObject> frames, String turnId) {
        return events(frames, turnId, "text").stream()
                .map(e -> e.getString("text"))
                .collect(Collectors.joining());
    }

    private static List<JsonObject> events(List<JsonObject> frames, String turnId, String kind) {
        return frames.stream()
                .filter(f -> "turn.event".equals(f.getString("type")) && turnId.equals(f.getString("turnId")))
                .map(f -> f.getJsonObject("event"))
                .filter(e -> kind.equals(e.getString("kind")))
                .toList();
    }

    private static void assertStrictlyIncreasingSeq(List<JsonObject> frames) {
        long last = 0;
        for (JsonObject frame : frames) {
            if (frame.containsKey("seq")) {
                assertThat(frame.getLong("seq")).isGreaterThan(last);
                last = frame.getLong("seq");
            }
        }
    }

    private static JsonArray messages(String sessionId) {
        HttpResponse<Buffer> response = cial.get("/sessions/" + sessionId + "/messages");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("items");
    }

    @Test
    void claudeTurnStreamsTextThenResumesTheSameEngineSession() {
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(new JsonObject()
                    .put("type", "turn.start")
                    .put("id", "a")
                    .put("text", "say hi")
                    .put("provider", "claude"));
            JsonObject started = ws.first("turn.started", 30);
            String sessionId = started.getString("sessionId");
            String turnId = started.getString("turnId");
            List<JsonObject> frames = ws.until(SocketClient.doneOf(turnId), 60);

            assertThat(frames.get(frames.size() - 1).getString("status")).isEqualTo("ok");
            assertThat(text(frames, turnId)).isEqualTo(FakeAnthropic.HELLO);
            assertThat(events(frames, turnId, "result")).hasSize(1);
            assertStrictlyIncreasingSeq(frames);
            assertThat(anthropic
                            .messageRequests()
                            .get(anthropic.messageRequests().size() - 1)
                            .apiKey())
                    .isEqualTo("sk-ant-fake-e2e");

            JsonArray stored = messages(sessionId);
            assertThat(stored.getJsonObject(0).getString("role")).isEqualTo("user");
            assertThat(stored.getJsonObject(0).getString("text")).isEqualTo("say hi");
            assertThat(stored.getJsonObject(1).getString("text")).isEqualTo(FakeAnthropic.HELLO);
            String engineSession =
                    cial.get("/sessions/" + sessionId).bodyAsJsonObject().getString("engineSessionId");
            assertThat(engineSession).isNotBlank();

            ws.send(new JsonObject()
                    .put("type", "turn.start")
                    .put("sessionId", sessionId)
                    .put("text", "second turn please"));
            String second = ws.first("turn.started", 30).getString("turnId");
            List<JsonObject> again = ws.until(SocketClient.doneOf(second), 60);
            assertThat(text(again, second)).isEqualTo(FakeAnthropic.HELLO_AGAIN);
            assertThat(cial.get("/sessions/" + sessionId).bodyAsJsonObject().getString("engineSessionId"))
                    .isEqualTo(engineSession);
            FakeAnthropic.Recorded resumed =
                    anthropic.messageRequests().get(anthropic.messageRequests().size() - 1);
            assertThat(resumed.texts("user")).anyMatch(t -> t.contains("say hi"));
            assertThat(resumed.texts("assistant")).anyMatch(t -> t.contains(FakeAnthropic.HELLO));
        }
    }

    @Test
    void claudeTurnWithOneBashRoundTrip() {
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(new JsonObject()
                    .put("type", "turn.start")
                    .put("text", "please use the tool")
                    .put("provider", "claude"));
            String turnId = ws.first("turn.started", 30).getString("turnId");
            List<JsonObject> frames = ws.until(SocketClient.doneOf(turnId), 60);

            List<JsonObject> toolUses = events(frames, turnId, "tool_use");
            assertThat(toolUses).hasSize(1);
            assertThat(toolUses.get(0).getString("name")).isEqualTo("Bash");
            assertThat(toolUses.get(0).getJsonObject("input").getString("command"))
                    .isEqualTo("echo hi");
            List<JsonObject> results = events(frames, turnId, "tool_result");
            assertThat(results).hasSize(1);
            assertThat(results.get(0).getString("toolUseId"))
                    .isEqualTo(toolUses.get(0).getString("id"));
            assertThat(String.valueOf(results.get(0).getValue("content"))).contains("hi");
            assertThat(text(frames, turnId)).contains("The command ran. Output was: hi");
            assertThat(frames.get(frames.size() - 1).getString("status")).isEqualTo("ok");
        }
    }

    @Test
    void demoTurnStreamsAndIsStoredWhole() {
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(new JsonObject()
                    .put("type", "turn.start")
                    .put("text", "hello")
                    .put("provider", "demo"));
            JsonObject created = ws.first("session.created", 30);
            assertThat(created.getJsonObject("session").getString("provider")).isEqualTo("demo");
            JsonObject started = ws.first("turn.started", 30);
            String turnId = started.getString("turnId");
            List<JsonObject> frames = ws.until(SocketClient.doneOf(turnId), 60);

            String streamed = text(frames, turnId);
            assertThat(streamed).isNotBlank();
            assertThat(events(frames, turnId, "tool_use")).hasSize(1);
            assertThat(events(frames, turnId, "tool_result")).hasSize(1);
            assertStrictlyIncreasingSeq(frames);
            JsonArray stored = messages(started.getString("sessionId"));
            assertThat(stored.getJsonObject(stored.size() - 1).getString("text"))
                    .isEqualTo(streamed);

            JsonArray rest = cial.get("/sessions/" + started.getString("sessionId") + "/events?after=0")
                    .bodyAsJsonObject()
                    .getJsonArray("items");
            List<Long> liveSeqs = frames.stream()
                    .filter(f -> f.containsKey("seq"))
                    .map(f -> f.getLong("seq"))
                    .toList();
            List<Long> storedSeqs =
                    rest.stream().map(o -> ((JsonObject) o).getLong("seq")).toList();
            assertThat(storedSeqs).containsExactlyElementsOf(liveSeqs);
        }
    }

    @Test
    void cancelledTurnEndsCancelledAndKeepsThePartialText() {
        // A prompt containing "slow" makes the demo engine answer at length, so the cancel lands mid-stream.
        String sessionId = createSession("demo");
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(new JsonObject()
                    .put("type", "subscribe")
                    .put("sessionId", sessionId)
                    .put("after", 0));
            ws.first("subscribed", 30);
            HttpResponse<Buffer> started =
                    cial.post("/sessions/" + sessionId + "/turns", new JsonObject().put("text", "slowly please"));
            assertThat(started.statusCode()).isEqualTo(202);
            String turnId = started.bodyAsJsonObject().getString("turnId");
            ws.until(
                    f -> "turn.event".equals(f.getString("type"))
                            && "text".equals(f.getJsonObject("event").getString("kind")),
                    30);

            ws.send(new JsonObject().put("type", "turn.cancel").put("sessionId", sessionId));
            List<JsonObject> frames = ws.until(SocketClient.doneOf(turnId), 30);
            assertThat(frames.get(frames.size() - 1).getString("status")).isEqualTo("cancelled");
        }
        JsonArray stored = messages(sessionId);
        JsonObject answer = stored.getJsonObject(stored.size() - 1);
        assertThat(answer.getString("role")).isEqualTo("assistant");
        assertThat(answer.getString("status")).isEqualTo("cancelled");
        assertThat(answer.getString("text")).isNotBlank();
        assertThat(cial.get("/sessions/" + sessionId).bodyAsJsonObject().getString("status"))
                .isNotEqualTo("running");
    }

    @Test
    void twoRacingStartsHaveExactlyOneWinner() {
        String sessionId = createSession("demo");
        JsonObject body = new JsonObject().put("text", "hello");
        List<HttpResponse<Buffer>> both = Future.all(
                        cial.request(HttpMethod.POST, "/sessions/" + sessionId + "/turns")
                                .sendJsonObject(body),
                        cial.request(HttpMethod.POST, "/sessions/" + sessionId + "/turns")
                                .sendJsonObject(body))
                .await()
                .list();
        List<Integer> statuses =
                both.stream().map(HttpResponse::statusCode).sorted().toList();
        assertThat(statuses).containsExactly(202, 409);
        HttpResponse<Buffer> loser =
                both.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertThat(loser.bodyAsJsonObject().getString("code")).isEqualTo("turn_running");
        waitIdle(sessionId);
    }

    @Test
    void resubscribingAfterADropReceivesEveryMissedEventExactlyOnce() {
        String sessionId = createSession("demo");
        long cut;
        String turnId;
        try (SocketClient first = new SocketClient(cial.socket(Map.of()))) {
            first.send(new JsonObject()
                    .put("type", "subscribe")
                    .put("sessionId", sessionId)
                    .put("after", 0));
            first.first("subscribed", 30);
            turnId = cial.post("/sessions/" + sessionId + "/turns", new JsonObject().put("text", "hello"))
                    .bodyAsJsonObject()
                    .getString("turnId");
            List<JsonObject> before = first.until(f -> f.getLong("seq", 0L) >= 3, 30);
            cut = before.get(before.size() - 1).getLong("seq");
        }
        try (SocketClient second = new SocketClient(cial.socket(Map.of()))) {
            second.send(new JsonObject()
                    .put("type", "subscribe")
                    .put("sessionId", sessionId)
                    .put("after", cut));
            List<JsonObject> after = second.until(SocketClient.doneOf(turnId), 60);
            List<Long> seqs = after.stream()
                    .filter(f -> f.containsKey("seq"))
                    .map(f -> f.getLong("seq"))
                    .toList();
            assertThat(seqs.get(0)).isEqualTo(cut + 1);
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
            }
        }
    }

    @Test
    void restartKeepsSessionsAndHistory() {
        String sessionId = createSession("demo");
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(new JsonObject()
                    .put("type", "turn.start")
                    .put("sessionId", sessionId)
                    .put("text", "hello"));
            String turnId = ws.first("turn.started", 30).getString("turnId");
            ws.until(SocketClient.doneOf(turnId), 60);
        }
        JsonArray before = messages(sessionId);
        restartWithFake();

        assertThat(cial.get("/sessions/" + sessionId).statusCode()).isEqualTo(200);
        assertThat(messages(sessionId)).isEqualTo(before);
        JsonArray listed = cial.get("/sessions").bodyAsJsonObject().getJsonArray("items");
        assertThat(listed.stream().map(o -> ((JsonObject) o).getString("id"))).contains(sessionId);
    }

    @Test
    void unknownSessionIs404() {
        HttpResponse<Buffer> response = cial.get("/sessions/doesnotexist");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("session_not_found");
        HttpResponse<Buffer> turn = cial.post("/sessions/doesnotexist/turns", new JsonObject().put("text", "x"));
        assertThat(turn.statusCode()).isEqualTo(404);
    }

    private static String createSession(String provider) {
        HttpResponse<Buffer> created = cial.post("/sessions", new JsonObject().put("provider", provider));
        assertThat(created.statusCode()).isEqualTo(201);
        return created.bodyAsJsonObject().getString("id");
    }

    private static void waitIdle(String sessionId) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if ("idle"
                    .equals(cial.get("/sessions/" + sessionId)
                            .bodyAsJsonObject()
                            .getString("status"))) {
                return;
            }
            cial.client.timer(100).await();
        }
        throw new AssertionError("session " + sessionId + " did not become idle");
    }
}
