package io.cial.sessions;

import static io.cial.sessions.SessionsHarness.TURN_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.Addresses;
import io.cial.protocol.Frames;
import io.cial.protocol.Principal;
import io.cial.protocol.testing.FakeAnthropic;
import io.cial.sessions.api.SessionsActions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI (the version the build installs) driven through the sessions area against {@link
 * FakeAnthropic} on 127.0.0.1: a text reply, a Bash tool round trip, and a second turn that resumes the engine session.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
class ClaudeEngineTest {

    private static final String KEY = "sk-ant-fake-sessions-test";

    @TempDir
    Path dir;

    private FakeAnthropic fake;
    private SessionsHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        fake = FakeAnthropic.start(vertx).await();
        h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        h.vault.credential(Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", fake.baseUrl()));
    }

    @AfterEach
    void stop() {
        fake.close().await();
    }

    @Test
    void textTurnStreamsTheFakeModelsReply() {
        JsonObject session = h.createSession(new JsonObject());
        String id = session.getString("id");
        FrameRecorder frames = h.record(id);

        String turnId = h.startTurn(id, "say hi").getString("turnId");
        JsonObject done = frames.awaitDone(turnId, TURN_TIMEOUT);

        assertThat(session.getString("provider")).isEqualTo("claude");
        assertThat(done.getString("status")).isEqualTo("ok");
        assertThat(SessionsVerticleTest.text(frames.frames())).isEqualTo(FakeAnthropic.HELLO);
        assertThat(lastMessage(id).getString("text")).isEqualTo(FakeAnthropic.HELLO);
        FakeAnthropic.Recorded request = fake.messageRequests().get(0);
        assertThat(request.apiKey()).isEqualTo(KEY);
        assertThat(request.lastUserText()).contains("say hi");
        assertThat(request.headers().getString("x-claude-code-session-id"))
                .isEqualTo(session.getString("engineSessionId"));
        assertThat(request.systemText()).isNotBlank();
    }

    @Test
    void bashToolRoundTripIsStreamedAndStored() {
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);

        String turnId = h.startTurn(id, "use the tool").getString("turnId");
        JsonObject done = frames.awaitDone(turnId, TURN_TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("ok");
        JsonObject answer = lastMessage(id);
        assertThat(answer.getString("text")).isEqualTo("I will run the command.\n\nThe command ran. Output was: hi");
        JsonArray parts = answer.getJsonArray("parts");
        assertThat(parts.getJsonObject(0).getString("name")).isEqualTo("Bash");
        assertThat(parts.getJsonObject(0).getJsonObject("input").getString("command"))
                .isEqualTo("echo hi");
        assertThat(parts.getJsonObject(1).getString("content")).isEqualTo("hi");
        assertThat(fake.messageRequests()).hasSize(2);
    }

    @Test
    void secondTurnResumesTheSameEngineSessionWithItsHistory() {
        JsonObject session = h.createSession(new JsonObject());
        String id = session.getString("id");
        FrameRecorder frames = h.record(id);
        frames.awaitDone(h.startTurn(id, "say hi").getString("turnId"), TURN_TIMEOUT);

        JsonObject done = frames.awaitDone(h.startTurn(id, "second turn please").getString("turnId"), TURN_TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("ok");
        assertThat(lastMessage(id).getString("text")).isEqualTo(FakeAnthropic.HELLO_AGAIN);
        assertThat(h.getSession(id).getString("engineSessionId")).isEqualTo(session.getString("engineSessionId"));
        List<FakeAnthropic.Recorded> requests = fake.messageRequests();
        FakeAnthropic.Recorded resumed = requests.get(requests.size() - 1);
        assertThat(resumed.headers().getString("x-claude-code-session-id"))
                .isEqualTo(session.getString("engineSessionId"));
        assertThat(String.join(" ", resumed.texts("user"))).contains("say hi").contains("second turn please");
        assertThat(resumed.texts("assistant")).anySatisfy(t -> assertThat(t).contains(FakeAnthropic.HELLO));
    }

    @Test
    void backgroundShellIsTrackedAsATaskUntilItCompletes(Vertx vertx) {
        fake.script(
                "kick off",
                FakeAnthropic.Reply.tool(
                        "Bash",
                        new JsonObject()
                                .put("command", "sleep 1; echo napped")
                                .put("description", "nap")
                                .put("run_in_background", true)));
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        FrameRecorder user = FrameRecorder.on(vertx, Addresses.user(Principal.OWNER_USER_ID));

        JsonObject done = frames.awaitDone(h.startTurn(id, "kick off some work").getString("turnId"), TURN_TIMEOUT);
        JsonArray tasks = ((JsonObject) h.bus.call(SessionsActions.LIST_TASKS, SessionsHarness.path(id), null, null)
                        .body())
                .getJsonArray("items");

        assertThat(done.getString("status")).isEqualTo("ok");
        assertThat(tasks).hasSize(1);
        JsonObject task = tasks.getJsonObject(0);
        assertThat(task.getString("kind")).isEqualTo("shell");
        assertThat(task.getString("description")).isEqualTo("nap");
        assertThat(task.getString("status")).isEqualTo("completed");
        assertThat(task.getString("outputTail")).startsWith("napped");
        assertThat(task.getString("endedAt")).isNotNull();
        List<String> announced = user.frames().stream()
                .filter(f -> Frames.TASK_UPDATED.equals(f.getString("type")))
                .map(f -> f.getJsonObject("task").getString("status"))
                .toList();
        assertThat(announced).startsWith("running").endsWith("completed");
    }

    private JsonObject lastMessage(String id) {
        JsonArray items = h.messages(id, new JsonObject()).getJsonArray("items");
        return items.getJsonObject(items.size() - 1);
    }
}
