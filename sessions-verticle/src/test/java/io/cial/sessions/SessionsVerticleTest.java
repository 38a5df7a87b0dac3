package io.cial.sessions;

import static io.cial.sessions.SessionsHarness.TURN_TIMEOUT;
import static io.cial.sessions.SessionsHarness.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Frames;
import io.cial.protocol.Principal;
import io.cial.protocol.testing.Bus;
import io.cial.sessions.api.SessionsActions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sessions area over the event bus with the offline demo engine: sessions, turns, frames, storage. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class SessionsVerticleTest {

    @TempDir
    Path dir;

    @Test
    void createsDemoSessionsWithoutCredentialsAndPagesThemNewestFirst(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        FrameRecorder user = FrameRecorder.on(vertx, Addresses.user(Principal.OWNER_USER_ID));
        JsonObject first = h.createSession(new JsonObject().put("name", "first"));
        h.createSession(new JsonObject().put("name", "second"));
        JsonObject third = h.createSession(new JsonObject().put("name", "third").put("model", "m1"));

        assertThat(first.getString("provider")).isEqualTo("demo");
        assertThat(third.getString("status")).isEqualTo("idle");
        assertThat(third.getString("model")).isEqualTo("m1");
        assertThat(third.getValue("streaming")).isNull();
        JsonObject page1 = list(h.bus, new JsonObject().put("limit", 2));
        assertThat(names(page1)).containsExactly("third", "second");
        JsonObject page2 = list(h.bus, new JsonObject().put("limit", 2).put("cursor", page1.getString("nextCursor")));
        assertThat(names(page2)).containsExactly("first");
        assertThat(page2.getValue("nextCursor")).isNull();
        user.await(
                f -> Frames.SESSION_CREATED.equals(f.getString("type"))
                        && third.getString("id")
                                .equals(f.getJsonObject("session").getString("id")),
                TURN_TIMEOUT);
    }

    @Test
    void renamesAndDeletesOnlyTheOwnersSessions(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        FrameRecorder user = FrameRecorder.on(vertx, Addresses.user(Principal.OWNER_USER_ID));
        String id = h.createSession(new JsonObject()).getString("id");
        Bus stranger = h.bus.as(new Principal("someone-else", Principal.Kind.EDGE, null));

        ApiResponse renamed =
                h.bus.call(SessionsActions.RENAME_SESSION, path(id), null, new JsonObject().put("name", "Renamed"));
        assertThat(((JsonObject) renamed.body()).getString("name")).isEqualTo("Renamed");
        assertThat(stranger.failure(SessionsActions.GET_SESSION, path(id), null, null)
                        .code())
                .isEqualTo(ErrorCode.SESSION_NOT_FOUND);
        assertThat(stranger.failure(SessionsActions.DELETE_SESSION, path(id), null, null)
                        .code())
                .isEqualTo(ErrorCode.SESSION_NOT_FOUND);
        assertThat(h.bus.call(SessionsActions.DELETE_SESSION, path(id), null, null)
                        .status())
                .isEqualTo(204);
        assertThat(h.bus.failure(SessionsActions.GET_SESSION, path(id), null, null)
                        .code())
                .isEqualTo(ErrorCode.SESSION_NOT_FOUND);
        user.await(f -> Frames.SESSION_UPDATED.equals(f.getString("type")), TURN_TIMEOUT);
        user.await(
                f -> Frames.SESSION_DELETED.equals(f.getString("type")) && id.equals(f.getString("sessionId")),
                TURN_TIMEOUT);
    }

    @Test
    void demoTurnPublishesStoredEventsInOrderAndStoresTheWholeAnswer(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);

        JsonObject started = h.startTurn(id, "hello demo");
        String turnId = started.getString("turnId");
        JsonObject done = frames.awaitDone(turnId, TURN_TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("ok");
        List<JsonObject> published = frames.frames();
        assertStrictlyIncreasingSeq(published);
        assertThat(h.events(id, 0).getJsonArray("items").getList()).isEqualTo(published);
        String streamed = text(published);
        JsonArray history = h.messages(id, new JsonObject()).getJsonArray("items");
        assertThat(history).hasSize(2);
        assertThat(history.getJsonObject(0).getString("text")).isEqualTo("hello demo");
        assertThat(history.getJsonObject(0).getString("id")).isEqualTo(started.getString("userMessageId"));
        JsonObject answer = history.getJsonObject(1);
        assertThat(answer.getString("role")).isEqualTo("assistant");
        assertThat(answer.getString("status")).isEqualTo("complete");
        assertThat(answer.getString("text"))
                .isEqualTo(streamed)
                .contains("The command printed: hello from the demo tool");
        assertThat(answer.getJsonArray("parts").stream().map(p -> ((JsonObject) p).getString("kind")))
                .containsExactly("tool_use", "tool_result");
        assertThat(kinds(published)).contains("text", "tool_use", "tool_result", "result");
        JsonObject session = h.getSession(id);
        assertThat(session.getString("status")).isEqualTo("idle");
        assertThat(session.getValue("streaming")).isNull();
        assertThat(session.getLong("lastSeq")).isEqualTo(done.getLong("seq"));
        assertThat(dir.resolve("sessions/turns/" + turnId + ".log")).isNotEmptyFile();
        assertThat(dir.resolve("sessions/turns/" + turnId + ".prompt")).doesNotExist();
    }

    @Test
    void turnStartFrameWithoutSessionCreatesOneNamedAfterTheText(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        FrameRecorder user = FrameRecorder.on(vertx, Addresses.user(Principal.OWNER_USER_ID));

        ApiResponse reply =
                h.bus.call(Frames.TURN_START, new JsonObject().put("text", "Plan a trip to Lisbon\nin May"));
        JsonObject body = (JsonObject) reply.body();

        assertThat(body.getString("turnId")).startsWith("turn_");
        assertThat(body.getString("userMessageId")).startsWith("msg_");
        JsonObject created = user.await(f -> Frames.SESSION_CREATED.equals(f.getString("type")), TURN_TIMEOUT);
        assertThat(created.getJsonObject("session").getString("id")).isEqualTo(body.getString("sessionId"));
        assertThat(created.getJsonObject("session").getString("name")).isEqualTo("Plan a trip to Lisbon");
        user.await(
                f -> Frames.SESSION_UPDATED.equals(f.getString("type"))
                        && "idle".equals(f.getJsonObject("session").getString("status")),
                TURN_TIMEOUT);
    }

    @Test
    void cancelStopsTheProcessGroupAndKeepsThePartialText(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy(40);
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        String turnId = h.startTurn(id, "a slow answer please").getString("turnId");
        frames.awaitEvents(turnId, 25, TURN_TIMEOUT);
        long pid = TurnsTable.pid(dir, turnId);
        JsonObject streaming = h.getSession(id).getJsonObject("streaming");
        assertThat(streaming.getBoolean("active")).isTrue();
        assertThat(streaming.getString("text")).isNotEmpty();

        ApiResponse cancel = h.bus.call(SessionsActions.CANCEL_TURN, path(id), null, null);
        JsonObject done = frames.awaitDone(turnId, TURN_TIMEOUT);

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(((JsonObject) cancel.body()).getString("turnId")).isEqualTo(turnId);
        assertThat(done.getString("status")).isEqualTo("cancelled");
        assertThat(ProcessGroupProbe.members(pid)).isEmpty();
        JsonObject answer =
                h.messages(id, new JsonObject()).getJsonArray("items").getJsonObject(1);
        assertThat(answer.getString("status")).isEqualTo("cancelled");
        assertThat(answer.getString("text"))
                .isEqualTo(text(frames.frames()))
                .startsWith("This is the offline demo engine")
                .doesNotContain("Slow sentence 40 of 40");
        assertThat(h.bus.failure(SessionsActions.CANCEL_TURN, path(id), null, null)
                        .code())
                .isEqualTo(ErrorCode.NO_TURN_RUNNING);
    }

    @Test
    void deletingASessionKillsItsRunningEngineAndRemovesItsFiles(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy(40);
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        String turnId = h.startTurn(id, "slow one").getString("turnId");
        frames.awaitEvents(turnId, 3, TURN_TIMEOUT);
        long pid = TurnsTable.pid(dir, turnId);

        assertThat(h.bus.call(SessionsActions.DELETE_SESSION, path(id), null, null)
                        .status())
                .isEqualTo(204);

        assertThat(ProcessGroupProbe.members(pid)).isEmpty();
        assertThat(dir.resolve("sessions/turns/" + turnId + ".log")).doesNotExist();
        assertThat(dir.resolve("sessions/turns/" + turnId + ".prompt")).doesNotExist();
        assertThat(h.bus.failure(SessionsActions.LIST_EVENTS, path(id), null, null)
                        .code())
                .isEqualTo(ErrorCode.SESSION_NOT_FOUND);
    }

    @Test
    void turnOverItsWallClockLimitIsKilledAndEndsAsError(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of(SessionsConfig.ENV_TURN_TIMEOUT, "2")).deploy(60);
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        String turnId = h.startTurn(id, "slow, too slow").getString("turnId");
        long pid = TurnsTable.pid(dir, turnId);

        JsonObject done = frames.awaitDone(turnId, TURN_TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("error");
        assertThat(done.getString("error")).contains("wall-clock limit of 2 s");
        assertThat(ProcessGroupProbe.members(pid)).isEmpty();
        assertThat(h.getSession(id).getString("status")).isEqualTo("error");
    }

    @Test
    void twoSimultaneousStartsHaveExactlyOneWinner(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        JsonObject body = new JsonObject().put("text", "race");

        Future<ApiResponse> a = h.bus.send(SessionsActions.START_TURN, path(id), null, body);
        Future<ApiResponse> b = h.bus.send(SessionsActions.START_TURN, path(id), null, body);
        Future.join(a, b).transform(done -> Future.succeededFuture()).await();

        List<Future<ApiResponse>> both = List.of(a, b);
        assertThat(both.stream().filter(Future::succeeded)).hasSize(1);
        Future<ApiResponse> loser =
                both.stream().filter(Future::failed).findFirst().orElseThrow();
        assertThat(((ApiException) loser.cause()).code()).isEqualTo(ErrorCode.TURN_RUNNING);
        ApiResponse winner = both.stream()
                .filter(Future::succeeded)
                .findFirst()
                .orElseThrow()
                .result();
        assertThat(winner.status()).isEqualTo(202);
        frames.awaitDone(((JsonObject) winner.body()).getString("turnId"), TURN_TIMEOUT);
        assertThat(h.messages(id, new JsonObject()).getJsonArray("items")).hasSize(2);
    }

    @Test
    void replayReturnsExactlyTheEventsAfterTheGivenSeq(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        JsonObject done = frames.awaitDone(h.startTurn(id, "replay me").getString("turnId"), TURN_TIMEOUT);
        long last = done.getLong("seq");

        JsonObject replay = (JsonObject) h.bus.call(
                        Frames.ACTION_REPLAY,
                        new JsonObject().put("sessionId", id).put("after", 3))
                .body();
        JsonObject limited = (JsonObject) h.bus.call(
                        Frames.ACTION_REPLAY,
                        new JsonObject().put("sessionId", id).put("after", 3).put("limit", 2))
                .body();

        assertThat(replay.getLong("lastSeq")).isEqualTo(last);
        assertThat(replay.getJsonArray("items").getList())
                .isEqualTo(frames.frames().subList(3, (int) last));
        assertThat(limited.getJsonArray("items").stream().map(f -> ((JsonObject) f).getLong("seq")))
                .containsExactly(4L, 5L);
        assertThat(h.events(id, last).getJsonArray("items")).isEmpty();
    }

    @Test
    void restartKeepsSessionsMessagesAndEvents(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String id = h.createSession(new JsonObject().put("name", "kept")).getString("id");
        FrameRecorder frames = h.record(id);
        frames.awaitDone(h.startTurn(id, "remember this").getString("turnId"), TURN_TIMEOUT);
        JsonObject events = h.events(id, 0);
        JsonObject messages = h.messages(id, new JsonObject());

        h.undeploy();
        h.deploy();

        assertThat(h.getSession(id).getString("name")).isEqualTo("kept");
        assertThat(h.events(id, 0)).isEqualTo(events);
        assertThat(h.messages(id, new JsonObject())).isEqualTo(messages);
    }

    @Test
    void messagesArePagedNewestPageFirstInChronologicalOrder(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        for (String text : List.of("one", "two")) {
            frames.awaitDone(h.startTurn(id, text).getString("turnId"), TURN_TIMEOUT);
        }

        JsonObject newest = h.messages(id, new JsonObject().put("limit", 3));
        JsonObject older =
                h.messages(id, new JsonObject().put("limit", 3).put("cursor", newest.getString("nextCursor")));

        assertThat(roles(newest)).containsExactly("assistant", "user", "assistant");
        assertThat(newest.getJsonArray("items").getJsonObject(1).getString("text"))
                .isEqualTo("two");
        assertThat(roles(older)).containsExactly("user");
        assertThat(older.getJsonArray("items").getJsonObject(0).getString("text"))
                .isEqualTo("one");
        assertThat(older.getValue("nextCursor")).isNull();
    }

    @Test
    void agentTokenIsHandedOnlyToTheEngineAndValidOnlyWhileTheTurnRuns(Vertx vertx) throws Exception {
        SessionsHarness h =
                new SessionsHarness(vertx, dir, Map.of("SERVER_ONLY_SECRET", "sk-ant-fake-server-only")).deploy(40);
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        String turnId = h.startTurn(id, "slow please").getString("turnId");
        frames.awaitEvents(turnId, 3, TURN_TIMEOUT);
        Map<String, String> engineEnv = ProcessGroupProbe.environment(TurnsTable.pid(dir, turnId));
        String token = engineEnv.get("CIAL_TOKEN");

        ApiResponse verified = h.bus.call(SessionsHarness.agentTokenAction(), new JsonObject().put("token", token));

        assertThat(token).startsWith("cial_at_").hasSizeGreaterThan(40);
        assertThat(engineEnv)
                .containsEntry("CIAL_API_URL", SessionsHarness.API_URL)
                .doesNotContainKey("SERVER_ONLY_SECRET");
        assertThat(engineEnv.get("HOME")).startsWith(dir.toString());
        assertThat((JsonObject) verified.body())
                .isEqualTo(new JsonObject()
                        .put("userId", Principal.OWNER_USER_ID)
                        .put("turnId", turnId)
                        .put("sessionId", id));
        assertThat(h.events(id, 0).encode()).doesNotContain(token);
        h.bus.call(SessionsActions.CANCEL_TURN, path(id), null, null);
        frames.awaitDone(turnId, TURN_TIMEOUT);
        assertThat(h.bus.failure(SessionsHarness.agentTokenAction(), new JsonObject().put("token", token))
                        .code())
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(h.bus.failure(SessionsHarness.agentTokenAction(), new JsonObject().put("token", "cial_at_nope"))
                        .code())
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void unknownSessionsAndInvalidFramesAreRejectedWithTheirCodes(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        JsonObject missing = path("ses_missing");
        for (String action : List.of(
                SessionsActions.GET_SESSION,
                SessionsActions.LIST_MESSAGES,
                SessionsActions.LIST_EVENTS,
                SessionsActions.CANCEL_TURN,
                SessionsActions.DELETE_SESSION)) {
            assertThat(h.bus.failure(action, missing, null, null).code())
                    .as(action)
                    .isEqualTo(ErrorCode.SESSION_NOT_FOUND);
        }
        assertThat(h.bus.failure(SessionsActions.START_TURN, missing, null, new JsonObject().put("text", "x"))
                        .code())
                .isEqualTo(ErrorCode.SESSION_NOT_FOUND);
        assertInvalidFrame(h, Frames.TURN_START, new JsonObject(), "'text'");
        assertInvalidFrame(h, Frames.TURN_START, new JsonObject().put("text", 5), "'text'");
        assertInvalidFrame(
                h, Frames.TURN_START, new JsonObject().put("text", "hi").put("provider", "gpt"), "'provider'");
        assertInvalidFrame(
                h, Frames.TURN_START, new JsonObject().put("text", "hi").put("sessionId", "a b"), "'sessionId'");
        assertInvalidFrame(h, Frames.TURN_CANCEL, new JsonObject(), "'sessionId'");
        assertInvalidFrame(
                h, Frames.ACTION_REPLAY, new JsonObject().put("sessionId", "s").put("after", -1), "'after'");
        assertInvalidFrame(
                h, Frames.ACTION_REPLAY, new JsonObject().put("sessionId", "s").put("limit", "x"), "'limit'");
        assertThat(h.bus.failure(Frames.TURN_CANCEL, new JsonObject().put("sessionId", "ses_missing"))
                        .code())
                .isEqualTo(ErrorCode.SESSION_NOT_FOUND);
        assertThat(h.bus.failure(SessionsActions.LIST_SESSIONS, null, new JsonObject().put("cursor", "!!"), null)
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        String id = h.createSession(new JsonObject().put("provider", "claude")).getString("id");
        assertThat(h.bus.failure(SessionsActions.START_TURN, path(id), null, new JsonObject().put("text", "x"))
                        .code())
                .isEqualTo(ErrorCode.NO_CREDENTIAL);
        assertThat(h.getSession(id).getString("status")).isEqualTo("idle");
        assertThat(h.messages(id, new JsonObject()).getJsonArray("items")).isEmpty();
        String kimi = h.createSession(new JsonObject().put("provider", "kimi")).getString("id");
        ApiException noKimi =
                h.bus.failure(SessionsActions.START_TURN, path(kimi), null, new JsonObject().put("text", "x"));
        assertThat(noKimi.code()).isEqualTo(ErrorCode.NO_CREDENTIAL);
        assertThat(noKimi.getMessage()).isEqualTo(FakeVault.NO_CREDENTIAL.formatted("kimi"));
    }

    private static void assertInvalidFrame(SessionsHarness h, String action, JsonObject body, String field) {
        ApiException e = h.bus.failure(action, body);
        assertThat(e.code()).as(action + " " + body).isEqualTo(ErrorCode.INVALID_FRAME);
        assertThat(e.getMessage()).contains(field);
    }

    static void assertStrictlyIncreasingSeq(List<JsonObject> frames) {
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i).getLong("seq")).isEqualTo(frames.get(i - 1).getLong("seq") + 1);
        }
    }

    static String text(List<JsonObject> frames) {
        StringBuilder out = new StringBuilder();
        frames.stream()
                .filter(f -> Frames.TURN_EVENT.equals(f.getString("type")))
                .map(f -> f.getJsonObject("event"))
                .filter(e -> "text".equals(e.getString("kind")))
                .forEach(e -> out.append(e.getString("text")));
        return out.toString();
    }

    private static List<String> kinds(List<JsonObject> frames) {
        return frames.stream()
                .filter(f -> Frames.TURN_EVENT.equals(f.getString("type")))
                .map(f -> f.getJsonObject("event").getString("kind"))
                .distinct()
                .toList();
    }

    private static JsonObject list(Bus bus, JsonObject query) {
        return (JsonObject)
                bus.call(SessionsActions.LIST_SESSIONS, null, query, null).body();
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("items").stream()
                .map(s -> ((JsonObject) s).getString("name"))
                .toList();
    }

    private static List<String> roles(JsonObject page) {
        return page.getJsonArray("items").stream()
                .map(s -> ((JsonObject) s).getString("role"))
                .toList();
    }
}
