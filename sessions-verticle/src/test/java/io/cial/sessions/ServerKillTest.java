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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's promise for real: a server process streaming a turn is killed with SIGKILL mid-stream; a new server on the
 * same data directory re-attaches to the still-running engine, and a client that reconnects with the last seq it saw
 * gets every event exactly once, in order, and the whole answer.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class ServerKillTest {

    @TempDir
    Path dir;

    @Test
    void turnSurvivesSigkillOfTheServerWithEveryEventExactlyOnce(Vertx vertx) throws Exception {
        Process server = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        SessionsServerMain.class.getName(),
                        dir.toString(),
                        "25")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.out").toFile())
                .start();
        String[] ids;
        try {
            ids = awaitReady();
            awaitStoredEvents(ids[0], 15);
        } finally {
            server.destroyForcibly().waitFor();
        }
        String sessionId = ids[0];
        String turnId = ids[1];
        long storedBeforeKill = lastSeq(sessionId);
        long pid = TurnsTable.pid(dir, turnId);
        assertThat(Path.of("/proc", Long.toString(pid)))
                .as("the engine outlives the killed server")
                .exists();

        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of());
        FrameRecorder live = h.record(sessionId);
        h.deploy(25);
        List<JsonObject> replayed = h.events(sessionId, 0).getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .toList();
        long seen = replayed.get(replayed.size() - 1).getLong("seq");
        JsonObject done = live.awaitDone(turnId, TURN_TIMEOUT);
        List<JsonObject> missed = h.events(sessionId, seen).getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .toList();

        assertThat(done.getString("status")).isEqualTo("ok");
        assertThat(replayed.size()).isGreaterThanOrEqualTo((int) storedBeforeKill);
        List<JsonObject> all = new ArrayList<>(replayed);
        all.addAll(missed);
        assertThat(all.get(0).getLong("seq")).isEqualTo(1);
        assertStrictlyIncreasingSeq(all);
        assertThat(live.frames())
                .isEqualTo(all.subList(all.size() - live.frames().size(), all.size()));
        assertThat(h.events(sessionId, 0).getJsonArray("items").getList()).isEqualTo(all);
        String streamed = text(all);
        assertThat(streamed).contains("Slow sentence 40 of 40").endsWith("for a real model.");
        JsonObject answer =
                h.messages(sessionId, new JsonObject()).getJsonArray("items").getJsonObject(1);
        assertThat(answer.getString("text")).isEqualTo(streamed);
    }

    private String[] awaitReady() throws Exception {
        for (int i = 0; i < 600; i++) {
            for (String line : Files.readAllLines(dir.resolve("server.out"))) {
                if (line.startsWith(SessionsServerMain.READY)) {
                    return line.substring(SessionsServerMain.READY.length()).split(" ");
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start a turn: " + Files.readString(dir.resolve("server.out")));
    }

    private void awaitStoredEvents(String sessionId, long count) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (Files.exists(dir.resolve("sessions/sessions.db")) && lastSeq(sessionId) >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "the server stored fewer than " + count + " events: " + Files.readString(dir.resolve("server.out")));
    }

    private long lastSeq(String sessionId) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("sessions/sessions.db");
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT last_seq FROM sessions WHERE id = '" + sessionId + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
