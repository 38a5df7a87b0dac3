package io.cial.sessions;

import static io.cial.sessions.SessionsHarness.TURN_TIMEOUT;
import static io.cial.sessions.SessionsHarness.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.cial.protocol.VaultActions;
import io.cial.protocol.testing.FakeAnthropic;
import io.cial.protocol.testing.FakeMcp;
import io.cial.sessions.api.SessionsActions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault's answer wired into the real Claude Code CLI (against {@link FakeAnthropic}, with {@link FakeVault}
 * standing in for the vault): env tools in the engine's environment without overriding the server's own variables,
 * the MCP servers in an owner-only per-turn config file that is gone when the turn ends (also after a re-attach), and
 * the markdown tools in the system prompt the model receives.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
class TurnContextTest {

    private static final String KEY = "sk-ant-fake-context-test";
    private static final String NOTE = "Always answer in haiku. NOTE-MARKER-41";

    @TempDir
    Path dir;

    private FakeAnthropic fake;
    private SessionsHarness h;

    @BeforeEach
    void start(Vertx vertx) {
        fake = FakeAnthropic.start(vertx).await();
        fake.script("slowly", FakeAnthropic.Reply.slow(25, 100));
        h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        h.vault.credential(Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", fake.baseUrl()));
        Path script = FakeMcp.write(dir.resolve("mcp"));
        h.vault.tools(
                new JsonObject()
                        .put("VAULT_GREETING", "hello-from-the-vault")
                        .put("HOME", "/tmp/forged-home")
                        .put("CIAL_TOKEN", "forged-token"),
                new JsonObject().put("fake", FakeMcp.stdio(script, "mcp-env-ok")),
                new JsonArray().add(new JsonObject().put("name", "style").put("text", NOTE)));
    }

    @AfterEach
    void stop() {
        fake.close().await();
    }

    @Test
    void theEngineGetsTheVaultsToolsAndItsPrivateFilesLastOnlyAsLongAsTheTurn() throws Exception {
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        String turnId = h.startTurn(id, "slowly please").getString("turnId");
        frames.awaitEvents(turnId, 3, TURN_TIMEOUT);
        Map<String, String> env = ProcessGroupProbe.environment(TurnsTable.pid(dir, turnId));
        Path mcpConfig = turnFile(turnId, ".mcp.json");
        JsonObject written = new JsonObject(Files.readString(mcpConfig));
        String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(mcpConfig));

        JsonObject done = frames.awaitDone(turnId, TURN_TIMEOUT);

        assertThat(done.getString("status")).isEqualTo("ok");
        assertThat(env).containsEntry("VAULT_GREETING", "hello-from-the-vault").containsEntry("ANTHROPIC_API_KEY", KEY);
        assertThat(env.get("HOME")).startsWith(dir.toString());
        assertThat(env.get("CIAL_TOKEN")).startsWith("cial_at_");
        assertThat(permissions).isEqualTo("rw-------");
        assertThat(written.getJsonObject("mcpServers").getJsonObject("fake").getString("command"))
                .isEqualTo("node");
        assertThat(init(frames, turnId).getJsonArray("mcpServers"))
                .containsExactly(new JsonObject().put("name", "fake").put("status", "connected"));
        FakeAnthropic.Recorded request = fake.messageRequests().get(0);
        assertThat(request.apiKey()).isEqualTo(KEY);
        assertThat(request.systemText()).contains(NOTE);
        assertThat(request.body().encode()).contains("mcp__fake__ping");
        assertThat(turnFile(turnId, ".mcp.json")).doesNotExist();
        assertThat(turnFile(turnId, ".system.md")).doesNotExist();
        assertThat(turnFile(turnId, ".prompt")).doesNotExist();
    }

    @Test
    void theMcpConfigOfAReattachedTurnIsRemovedWhenItEnds() throws Exception {
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        String turnId = h.startTurn(id, "slowly please").getString("turnId");
        frames.awaitEvents(turnId, 3, TURN_TIMEOUT);

        h.undeploy();
        boolean keptWhileDown = Files.exists(turnFile(turnId, ".mcp.json"));
        h.deploy();
        JsonObject done = frames.awaitDone(turnId, TURN_TIMEOUT);

        assertThat(keptWhileDown)
                .as("the running engine still needs its MCP config")
                .isTrue();
        assertThat(done.getString("status")).isEqualTo("ok");
        assertThat(turnFile(turnId, ".mcp.json")).doesNotExist();
    }

    @Test
    void aTurnWithoutACredentialStoresNothingAndTheDemoNeverAsksTheVault() {
        h.vault.credential(Map.of());
        String claude =
                h.createSession(new JsonObject().put("provider", "claude")).getString("id");

        ErrorCode refused = h.bus.failure(
                        SessionsActions.START_TURN, path(claude), null, new JsonObject().put("text", "hi"))
                .code();
        String demo = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(demo);
        frames.awaitDone(h.startTurn(demo, "hello").getString("turnId"), TURN_TIMEOUT);

        assertThat(refused).isEqualTo(ErrorCode.NO_CREDENTIAL);
        assertThat(h.messages(claude, new JsonObject()).getJsonArray("items")).isEmpty();
        assertThat(h.getSession(demo).getString("provider"))
                .as("the default without a credential")
                .isEqualTo("demo");
        assertThat(h.vault.requests())
                .as("only the claude turn and the default-provider check asked the vault")
                .allSatisfy(r -> assertThat(r.getString("provider")).isEqualTo("claude"));
    }

    @Test
    void deletingASessionTellsTheVaultToForgetIt() {
        String id = h.createSession(new JsonObject().put("provider", "demo")).getString("id");

        h.bus.call(SessionsActions.DELETE_SESSION, path(id), null, null);

        assertThat(h.vault.requests()).anySatisfy(r -> assertThat(r)
                .isEqualTo(new JsonObject()
                        .put("userId", Principal.OWNER_USER_ID)
                        .put("sessionId", id)
                        .put("action", VaultActions.FORGET_SESSION)));
    }

    private Path turnFile(String turnId, String suffix) {
        return dir.resolve("sessions").resolve("turns").resolve(turnId + suffix);
    }

    private static JsonObject init(FrameRecorder frames, String turnId) {
        List<JsonObject> inits = frames.turnEvents(turnId).stream()
                .map(f -> f.getJsonObject("event"))
                .filter(e -> "init".equals(e.getString("kind")))
                .toList();
        assertThat(inits).hasSize(1);
        return inits.get(0);
    }
}
