package io.cial.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.cli.Cli;
import io.cial.cli.CliException;
import io.cial.cli.FakeInstance;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The client side of {@code turn send} and {@code sessions events --follow} against a scripted WebSocket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TurnStreamTest {

    @TempDir
    Path home;

    @Test
    void streamsTextToStdoutAndToolActivityToStderr() {
        try (FakeInstance fake = FakeInstance.start((c, frame) -> {
            if (frame.getString("type").equals("turn.start")) {
                c.send(started(frame, 0))
                        .send(text(1, "Hello "))
                        .send(event(
                                2,
                                new JsonObject()
                                        .put("kind", "tool_use")
                                        .put("name", "Bash")
                                        .put("input", new JsonObject().put("command", "echo hi"))))
                        .send(event(
                                3, new JsonObject().put("kind", "tool_result").put("content", "hi\n")))
                        .send(text(4, "world"))
                        .send(done(5, "ok", null));
            }
        })) {
            Cli.Result result = Cli.at(fake.apiUrl(), home).run("turn", "send", "--provider", "demo", "say hi");

            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.out()).isEqualTo("Hello world\n");
            assertThat(result.err()).contains("[tool] Bash: echo hi").contains("[tool result] hi");
            JsonObject start = fake.receivedOfType("turn.start").get(0);
            assertThat(start.getString("text")).isEqualTo("say hi");
            assertThat(start.getString("provider")).isEqualTo("demo");
            assertThat(start.containsKey("sessionId")).isFalse();
        }
    }

    @Test
    void reconnectsAfterADroppedConnectionAndLosesNothing() {
        try (FakeInstance fake = FakeInstance.start((c, frame) -> {
            String type = frame.getString("type");
            if (c.index() == 0 && type.equals("turn.start")) {
                c.send(started(frame, 10)).send(text(11, "Hello ")).send(text(12, "wor"));
                c.close();
            } else if (c.index() == 1 && type.equals("subscribe")) {
                // The replay overlaps what the client saw: the duplicate must not be printed twice.
                c.send(text(12, "wor"))
                        .send(text(13, "ld"))
                        .send(subscribed(frame, 13))
                        .send(done(14, "ok", null));
            }
        })) {
            Cli.Result result = Cli.at(fake.apiUrl(), home).run("turn", "send", "--session", "s1", "hello");

            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.out()).isEqualTo("Hello world\n");
            assertThat(result.err()).contains("reconnecting").contains("resuming after event 12");
            List<JsonObject> subscribes = fake.receivedOfType("subscribe");
            assertThat(subscribes).hasSize(1);
            assertThat(subscribes.get(0).getString("sessionId")).isEqualTo("s1");
            assertThat(subscribes.get(0).getLong("after")).isEqualTo(12L);
            assertThat(subscribes.get(0).getInteger("_connection")).isEqualTo(1);
        }
    }

    @Test
    void answersAResubscribeRequestWithTheLastSeenSeq() {
        try (FakeInstance fake = FakeInstance.start((c, frame) -> {
            String type = frame.getString("type");
            if (type.equals("turn.start")) {
                c.send(started(frame, 0)).send(text(1, "A"));
                c.send(new JsonObject()
                        .put("type", "resubscribe")
                        .put("sessionId", "s1")
                        .put("after", 1));
            } else if (type.equals("subscribe")) {
                c.send(text(1, "A")).send(text(2, "B")).send(done(3, "ok", null));
            }
        })) {
            Cli.Result result = Cli.at(fake.apiUrl(), home).run("turn", "send", "--session", "s1", "go");

            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.out()).isEqualTo("AB\n");
            assertThat(fake.receivedOfType("subscribe")).singleElement().satisfies(s -> assertThat(s.getLong("after"))
                    .isEqualTo(1L));
        }
    }

    @Test
    void aFailedTurnExitsOneWithTheErrorOnStderr() {
        try (FakeInstance fake = FakeInstance.start((c, frame) -> {
            if (frame.getString("type").equals("turn.start")) {
                c.send(started(frame, 0)).send(text(1, "partial")).send(done(2, "error", "engine crashed"));
            }
        })) {
            Cli.Result result = Cli.at(fake.apiUrl(), home).run("turn", "send", "hello");

            assertThat(result.exit()).isEqualTo(CliException.FAILURE);
            assertThat(result.out()).isEqualTo("partial\n");
            assertThat(result.err()).contains("cial-cli: turn failed: engine crashed");
        }
    }

    @Test
    void aCancelledTurnExitsOne() {
        try (FakeInstance fake = FakeInstance.start((c, frame) -> {
            if (frame.getString("type").equals("turn.start")) {
                c.send(started(frame, 0)).send(done(1, "cancelled", null));
            }
        })) {
            Cli.Result result = Cli.at(fake.apiUrl(), home).run("turn", "send", "hello");

            assertThat(result.exit()).isEqualTo(CliException.FAILURE);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).contains("cial-cli: turn cancelled");
        }
    }

    @Test
    void aRefusedStartIsReportedAsTheApiError() {
        try (FakeInstance fake = FakeInstance.start((c, frame) -> c.send(new JsonObject()
                .put("type", "error")
                .put("replyTo", frame.getString("id"))
                .put("code", "turn_running")
                .put("message", "a turn is already running in session s1")))) {
            Cli.Result result = Cli.at(fake.apiUrl(), home).run("turn", "send", "--session", "s1", "hello");

            assertThat(result.exit()).isEqualTo(CliException.FAILURE);
            assertThat(result.err()).contains("cial-cli: a turn is already running in session s1 (turn_running)");
        }
    }

    @Test
    void aRefusedUpgradeIsReportedAsTheApiError() {
        try (FakeInstance fake =
                FakeInstance.start((c, frame) -> {}).refuse(401, "unauthenticated", "the bearer token is not valid")) {
            Cli.Result result = Cli.at(fake.apiUrl(), home).run("--token", "cial_ot_wrong", "turn", "send", "hello");

            assertThat(result.exit()).isEqualTo(CliException.FAILURE);
            assertThat(result.err()).contains("cial-cli: the bearer token is not valid (unauthenticated)");
        }
    }

    @Test
    void givesUpWithExitThreeWhenTheInstanceStaysAway() {
        try (FakeInstance fake = FakeInstance.start((c, frame) -> {
            if (frame.getString("type").equals("turn.start")) {
                c.send(started(frame, 0)).send(text(1, "Hel"));
                c.instance().stopListening();
                c.close();
            }
        })) {
            Cli.Result result = Cli.at(fake.apiUrl(), home).run("turn", "send", "--reconnect-timeout", "1", "hello");

            assertThat(result.exit()).isEqualTo(CliException.CONNECTION);
            assertThat(result.out()).isEqualTo("Hel\n");
            assertThat(result.err()).contains("could not reconnect within 1 s");
        }
    }

    @Test
    void nothingListeningExitsThreeWithAHint() {
        Cli.Result result = Cli.at("http://127.0.0.1:1/.cial/api", home).run("turn", "send", "hello");

        assertThat(result.exit()).isEqualTo(CliException.CONNECTION);
        assertThat(result.err())
                .contains("cannot reach the Cial instance at http://127.0.0.1:1/.cial/api")
                .contains("java -jar gateway/target/cial.jar");
    }

    @Test
    void anEmptyPromptIsAUsageError() {
        Cli.Result fromArg = Cli.at("http://127.0.0.1:1/.cial/api", home).run("turn", "send", "  ");
        Cli.Result fromStdin = Cli.at("http://127.0.0.1:1/.cial/api", home).runWithStdin("\n", "turn", "send", "-");
        Cli.Result missing = Cli.at("http://127.0.0.1:1/.cial/api", home).run("turn", "send");

        assertThat(fromArg.exit()).isEqualTo(CliException.USAGE);
        assertThat(fromArg.err()).contains("the prompt is empty");
        assertThat(fromStdin.exit()).isEqualTo(CliException.USAGE);
        assertThat(missing.exit()).isEqualTo(CliException.USAGE);
        assertThat(missing.err()).contains("Missing required parameter: 'TEXT'");
    }

    @Test
    void readsThePromptFromStdin() {
        try (FakeInstance fake = FakeInstance.start((c, frame) -> {
            if (frame.getString("type").equals("turn.start")) {
                c.send(started(frame, 0)).send(done(1, "ok", null));
            }
        })) {
            Cli.Result result = Cli.at(fake.apiUrl(), home).runWithStdin("line one\nline two\n", "turn", "send", "-");

            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(fake.receivedOfType("turn.start").get(0).getString("text"))
                    .isEqualTo("line one\nline two\n");
        }
    }

    @Test
    void jsonModePrintsEveryFrameOfTheTurnAsOneLine() {
        try (FakeInstance fake = FakeInstance.start((c, frame) -> {
            if (frame.getString("type").equals("turn.start")) {
                c.send(started(frame, 0)).send(text(1, "Hi")).send(done(2, "ok", null));
            }
        })) {
            Cli.Result result = Cli.at(fake.apiUrl(), home).run("turn", "send", "--json", "hello");

            assertThat(result.exit()).as(result.toString()).isZero();
            List<JsonObject> lines = result.out().lines().map(JsonObject::new).toList();
            assertThat(lines)
                    .extracting(l -> l.getString("type"))
                    .containsExactly("turn.started", "turn.event", "turn.done");
            assertThat(lines.get(1).getJsonObject("event").getString("text")).isEqualTo("Hi");
        }
    }

    @Test
    void followsASessionsEventsAcrossADrop() {
        try (FakeInstance fake = FakeInstance.start((c, frame) -> {
            if (!frame.getString("type").equals("subscribe")) {
                return;
            }
            if (c.index() == 0) {
                c.send(text(4, "a")).send(subscribed(frame, 4)).send(text(5, "b"));
                c.close();
            } else {
                c.send(text(5, "b")).send(subscribed(frame, 5)).send(done(6, "ok", null));
            }
        })) {
            Cli.Result result = Cli.at(fake.apiUrl(), home)
                    .run("sessions", "events", "s1", "--after", "3", "--follow", "--until-done");

            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.out().lines().map(String::strip).toList())
                    .containsExactly("4  text         \"a\"", "5  text         \"b\"", "6  done         ok");
            assertThat(fake.receivedOfType("subscribe"))
                    .extracting(s -> s.getLong("after"))
                    .containsExactly(3L, 5L);
        }
    }

    private static JsonObject started(JsonObject start, long afterSeq) {
        return new JsonObject()
                .put("type", "turn.started")
                .put("replyTo", start.getString("id"))
                .put("sessionId", start.getString("sessionId", "s1"))
                .put("turnId", "t1")
                .put("afterSeq", afterSeq);
    }

    private static JsonObject text(long seq, String delta) {
        return event(seq, new JsonObject().put("kind", "text").put("text", delta));
    }

    private static JsonObject event(long seq, JsonObject event) {
        return new JsonObject()
                .put("type", "turn.event")
                .put("sessionId", "s1")
                .put("turnId", "t1")
                .put("seq", seq)
                .put("event", event);
    }

    private static JsonObject done(long seq, String status, String error) {
        return new JsonObject()
                .put("type", "turn.done")
                .put("sessionId", "s1")
                .put("turnId", "t1")
                .put("seq", seq)
                .put("status", status)
                .put("error", error);
    }

    private static JsonObject subscribed(JsonObject subscribe, long lastSeq) {
        return new JsonObject()
                .put("type", "subscribed")
                .put("replyTo", subscribe.getString("id"))
                .put("sessionId", subscribe.getString("sessionId"))
                .put("lastSeq", lastSeq);
    }
}
