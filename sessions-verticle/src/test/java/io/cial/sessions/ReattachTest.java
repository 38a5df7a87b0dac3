package io.cial.sessions;

import static io.cial.sessions.SessionsHarness.TURN_TIMEOUT;
import static io.cial.sessions.SessionsVerticleTest.assertStrictlyIncreasingSeq;
import static io.cial.sessions.SessionsVerticleTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turns that outlive the server: the area is stopped mid-turn without touching the engine (as a crash or an in-place
 * restart would leave it) and started again on the same data directory. Start-up reconciliation must re-attach to a
 * live engine, finish a turn whose engine ended meanwhile from its log, and end a turn whose log is unusable as error.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class ReattachTest {

    @TempDir
    Path dir;

    @Test
    void liveEngineIsReattachedAndEveryEventArrivesExactlyOnce(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy(25);
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        String turnId = h.startTurn(id, "tell a slow story").getString("turnId");
        frames.awaitEvents(turnId, 10, TURN_TIMEOUT);
        long pid = TurnsTable.pid(dir, turnId);
        h.undeploy();
        int seenWhileUp = frames.frames().size();
        assertThat(Path.of("/proc", Long.toString(pid)))
                .as("the engine outlives the server")
                .exists();
        Thread.sleep(1000);
        h.deploy();
        JsonObject done = frames.awaitDone(turnId, TURN_TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("ok");
        assertWholeTurn(h, id, frames.frames());
        assertThat(frames.frames().size()).isGreaterThan(seenWhileUp);
    }

    @Test
    void engineThatEndedWhileTheServerWasDownIsFinishedFromItsLog(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy(10);
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        String turnId = h.startTurn(id, "slow, please").getString("turnId");
        frames.awaitEvents(turnId, 5, TURN_TIMEOUT);
        long pid = TurnsTable.pid(dir, turnId);

        h.undeploy();
        awaitExit(pid);
        h.deploy();
        JsonObject done = frames.awaitDone(turnId, TURN_TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("ok");
        assertWholeTurn(h, id, frames.frames());
    }

    @Test
    void turnWhoseLogIsGoneEndsAsErrorSayingWhy(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy(25);
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        String turnId = h.startTurn(id, "slow again").getString("turnId");
        frames.awaitEvents(turnId, 5, TURN_TIMEOUT);
        long pid = TurnsTable.pid(dir, turnId);

        h.undeploy();
        Files.delete(dir.resolve("sessions/turns/" + turnId + ".log"));
        h.deploy();
        JsonObject done = frames.awaitDone(turnId, TURN_TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("error");
        assertThat(done.getString("error")).contains("unusable after a restart");
        assertThat(ProcessGroupProbe.members(pid)).isEmpty();
        assertThat(h.getSession(id).getString("status")).isEqualTo("error");
        assertThat(h.getSession(id).getValue("activeTurnId")).isNull();
    }

    private static void assertWholeTurn(SessionsHarness h, String id, List<JsonObject> published) {
        assertThat(published.get(0).getLong("seq")).isEqualTo(1);
        assertStrictlyIncreasingSeq(published);
        assertThat(h.events(id, 0).getJsonArray("items").getList()).isEqualTo(published);
        String streamed = text(published);
        assertThat(streamed).contains("Slow sentence 40 of 40").endsWith("for a real model.");
        JsonObject answer =
                h.messages(id, new JsonObject()).getJsonArray("items").getJsonObject(1);
        assertThat(answer.getString("text")).isEqualTo(streamed);
        assertThat(answer.getString("status")).isEqualTo("complete");
    }

    private static void awaitExit(long pid) throws InterruptedException {
        Path proc = Path.of("/proc", Long.toString(pid));
        for (int i = 0; i < 300 && Files.exists(proc); i++) {
            Thread.sleep(100);
        }
        assertThat(proc).as("the engine ends by itself").doesNotExist();
    }
}
