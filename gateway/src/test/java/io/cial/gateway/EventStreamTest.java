package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Reconnecting without loss, against a real instance with the demo engine: the Server-Sent Events form of {@code
 * /events} with {@code Last-Event-ID}, {@code subscribe} mid-turn and after the turn, the session's streaming state,
 * and search over HTTP.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EventStreamTest {

    /** A prompt with "slow" makes the demo answer at length: about 300 events at this delay. */
    static final String LONG_PROMPT = "a slow answer please";

    @TempDir
    static Path data;

    static TestInstance cial;

    @BeforeAll
    static void start() {
        cial = TestInstance.start(data, Map.of("CIAL_DEMO_DELAY_MS", "10"));
    }

    @AfterAll
    static void stop() {
        cial.close();
    }

    private static String createSession() {
        HttpResponse<Buffer> created = cial.post("/sessions", new JsonObject().put("provider", "demo"));
        assertThat(created.statusCode()).isEqualTo(201);
        return created.bodyAsJsonObject().getString("id");
    }

    private static String startTurn(String sessionId, String text) {
        HttpResponse<Buffer> started =
                cial.post("/sessions/" + sessionId + "/turns", new JsonObject().put("text", text));
        assertThat(started.statusCode()).isEqualTo(202);
        return started.bodyAsJsonObject().getString("turnId");
    }

    /** Every stored event of the session after {@code after}, as {@code GET /events} returns them. */
    private static List<JsonObject> stored(String sessionId, long after) {
        HttpResponse<Buffer> response = cial.get("/sessions/" + sessionId + "/events?after=" + after);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        return response.bodyAsJsonObject().getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .toList();
    }

    private static JsonArray searchItems(String q) {
        HttpResponse<Buffer> response = cial.request(HttpMethod.GET, "/search")
                .addQueryParam("q", q)
                .send()
                .await();
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("items");
    }

    private static JsonObject session(String sessionId) {
        return cial.get("/sessions/" + sessionId).bodyAsJsonObject();
    }

    private static List<JsonObject> data(List<SseClient.Event> events) {
        return events.stream().map(SseClient.Event::data).toList();
    }

    private static List<JsonObject> sequenced(List<JsonObject> frames) {
        return frames.stream().filter(f -> f.containsKey("seq")).toList();
    }

    private static String text(List<JsonObject> frames) {
        return frames.stream()
                .filter(f -> "turn.event".equals(f.getString("type")))
                .map(f -> f.getJsonObject("event"))
                .filter(e -> "text".equals(e.getString("kind")))
                .map(e -> e.getString("text"))
                .collect(Collectors.joining());
    }

    private static boolean isDone(JsonObject frame, String turnId) {
        return "turn.done".equals(frame.getString("type")) && turnId.equals(frame.getString("turnId"));
    }

    @Test
    void eventStreamSendsEachEventLiveWithItsSeqAsId() {
        String sessionId = createSession();
        try (SseClient sse = SseClient.open(cial, sessionId, Map.of())) {
            String turnId = startTurn(sessionId, "hello");
            List<SseClient.Event> events = sse.until(e -> isDone(e.data(), turnId), 60);

            assertThat(events).allSatisfy(e -> {
                assertThat(e.id()).isEqualTo(String.valueOf(e.data().getLong("seq")));
                assertThat(e.type()).isEqualTo(e.data().getString("type"));
            });
            assertThat(data(events)).containsExactlyElementsOf(stored(sessionId, 0));
            assertThat(events.get(0).data().getLong("seq")).isEqualTo(1);
        }
    }

    @Test
    void reconnectingMidTurnWithLastEventIdMissesNothingAndRepeatsNothing() {
        String sessionId = createSession();
        String turnId = startTurn(sessionId, LONG_PROMPT);
        List<JsonObject> first;
        try (SseClient sse = SseClient.open(cial, sessionId, Map.of())) {
            first = data(sse.until(e -> e.data().getLong("seq") >= 20, 60));
        }
        long lastSeen = first.get(first.size() - 1).getLong("seq");
        long storedAtReconnect = session(sessionId).getLong("lastSeq");

        List<JsonObject> second;
        try (SseClient sse = SseClient.open(cial, sessionId, Map.of("Last-Event-ID", Long.toString(lastSeen)))) {
            second = data(sse.until(e -> isDone(e.data(), turnId), 60));
        }

        assertThat(second.get(0).getLong("seq")).isEqualTo(lastSeen + 1);
        assertThat(second.get(second.size() - 1).getLong("seq"))
                .as("the stream went on live past what was stored when it reconnected")
                .isGreaterThan(storedAtReconnect);
        List<JsonObject> both = new ArrayList<>(first);
        both.addAll(second);
        assertThat(both).containsExactlyElementsOf(stored(sessionId, 0));
    }

    @Test
    void withoutTheEventStreamAcceptHeaderEventsAnswerAsJson() {
        String sessionId = createSession();
        String turnId = startTurn(sessionId, "hello");
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(new JsonObject().put("type", "subscribe").put("sessionId", sessionId));
            ws.until(f -> isDone(f, turnId), 60);
        }

        HttpResponse<Buffer> json = cial.request(HttpMethod.GET, "/sessions/" + sessionId + "/events?after=2")
                .putHeader("Accept", "application/json")
                .send()
                .await();

        assertThat(json.statusCode()).isEqualTo(200);
        JsonObject page = json.bodyAsJsonObject();
        assertThat(page.getJsonArray("items").getJsonObject(0).getLong("seq")).isEqualTo(3);
        assertThat(page.getLong("lastSeq")).isEqualTo(session(sessionId).getLong("lastSeq"));
        assertThat(new JsonArray(stored(sessionId, 2))).isEqualTo(page.getJsonArray("items"));
    }

    @Test
    void subscribingMidTurnReplaysTheMissedEventsThenContinuesLiveAndStreamingStateIsCurrent() {
        String sessionId = createSession();
        try (SocketClient watcher = new SocketClient(cial.socket(Map.of()));
                SocketClient late = new SocketClient(cial.socket(Map.of()))) {
            watcher.send(new JsonObject().put("type", "subscribe").put("sessionId", sessionId));
            watcher.first("subscribed", 30);
            String turnId = startTurn(sessionId, LONG_PROMPT);
            List<JsonObject> seen = watcher.until(f -> f.getLong("seq", 0L) >= 30, 60);
            JsonObject streaming = session(sessionId).getJsonObject("streaming");

            assertThat(streaming.getString("turnId")).isEqualTo(turnId);
            assertThat(streaming.getBoolean("active")).isTrue();
            assertThat(streaming.getString("text")).startsWith(text(seen)).isNotEmpty();

            late.send(new JsonObject()
                    .put("type", "subscribe")
                    .put("id", "s1")
                    .put("sessionId", sessionId)
                    .put("after", 5));
            List<JsonObject> caughtUp = late.until(f -> isDone(f, turnId), 60);
            List<JsonObject> all = watcher.until(f -> isDone(f, turnId), 60);
            JsonObject subscribed = caughtUp.stream()
                    .filter(f -> "subscribed".equals(f.getString("type")))
                    .findFirst()
                    .orElseThrow();

            assertThat(subscribed.getString("replyTo")).isEqualTo("s1");
            assertThat(subscribed.getLong("lastSeq")).isGreaterThanOrEqualTo(30);
            assertThat(sequenced(caughtUp)).containsExactlyElementsOf(stored(sessionId, 5));
            assertThat(caughtUp.indexOf(subscribed)).isLessThan(caughtUp.size() - 1);
            List<JsonObject> whole = new ArrayList<>(seen);
            whole.addAll(all);
            assertThat(sequenced(whole)).containsExactlyElementsOf(stored(sessionId, 0));
            JsonObject idle = session(sessionId);
            assertThat(idle.getValue("streaming")).isNull();
            JsonArray messages = cial.get("/sessions/" + sessionId + "/messages")
                    .bodyAsJsonObject()
                    .getJsonArray("items");
            assertThat(messages.getJsonObject(messages.size() - 1).getString("text"))
                    .isEqualTo(text(whole))
                    .startsWith(streaming.getString("text"));
        }
    }

    @Test
    void subscribingAfterTheTurnEndedReplaysExactlyTheRestThenFollowsTheNextTurnLive() {
        String sessionId = createSession();
        String firstTurn = startTurn(sessionId, "hello");
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(new JsonObject().put("type", "subscribe").put("sessionId", sessionId));
            ws.until(f -> isDone(f, firstTurn), 60);
        }
        long endOfFirst = session(sessionId).getLong("lastSeq");

        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(new JsonObject()
                    .put("type", "subscribe")
                    .put("sessionId", sessionId)
                    .put("after", 4));
            List<JsonObject> replayed = ws.until(f -> "subscribed".equals(f.getString("type")), 30);
            String secondTurn = startTurn(sessionId, "hello again");
            List<JsonObject> live = ws.until(f -> isDone(f, secondTurn), 60);

            assertThat(replayed.get(replayed.size() - 1).getLong("lastSeq")).isEqualTo(endOfFirst);
            assertThat(sequenced(replayed))
                    .containsExactlyElementsOf(stored(sessionId, 4).subList(0, (int) (endOfFirst - 4)));
            assertThat(sequenced(live)).containsExactlyElementsOf(stored(sessionId, endOfFirst));
            assertThat(sequenced(live).get(0).getLong("seq")).isEqualTo(endOfFirst + 1);
        }
    }

    @Test
    void searchAnswersOverHttpForAnyText() {
        String sessionId = createSession();
        String turnId = startTurn(sessionId, "Tell me about quokkas");
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(new JsonObject().put("type", "subscribe").put("sessionId", sessionId));
            ws.until(f -> isDone(f, turnId), 60);
        }

        HttpResponse<Buffer> found = cial.request(HttpMethod.GET, "/search")
                .addQueryParam("q", "quokkas")
                .send()
                .await();
        HttpResponse<Buffer> odd = cial.request(HttpMethod.GET, "/search")
                .addQueryParam("q", "\"quokkas AND (NEAR")
                .send()
                .await();
        HttpResponse<Buffer> missing = cial.get("/search");
        List<Integer> plainText = new ArrayList<>();
        for (String q : List.of("-3", "1.5", "true", "null", "[x]", "{\"a\": 1}", "C:\\new", "it's \"odd")) {
            plainText.add(cial.request(HttpMethod.GET, "/search")
                    .addQueryParam("q", q)
                    .send()
                    .await()
                    .statusCode());
        }
        JsonArray phrase = searchItems("\"about quokkas\"");
        JsonArray reversed = searchItems("\"quokkas about\"");

        assertThat(found.statusCode()).as(found.bodyAsString()).isEqualTo(200);
        JsonArray hits = found.bodyAsJsonObject().getJsonArray("items");
        assertThat(hits.stream().map(h -> ((JsonObject) h).getString("sessionId")))
                .contains(sessionId);
        assertThat(hits.getJsonObject(hits.size() - 1).getString("snippet")).contains("<mark>quokkas</mark>");
        assertThat(odd.statusCode()).as(odd.bodyAsString()).isEqualTo(200);
        assertThat(plainText).containsOnly(200);
        assertThat(phrase).isNotEmpty();
        assertThat(reversed)
                .as("the quotes reached the search, so the words must be adjacent and in order")
                .isEmpty();
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.bodyAsJsonObject().getString("code")).isEqualTo("validation_failed");
        assertThat(missing.bodyAsJsonObject().getString("error")).contains("q");
    }
}
