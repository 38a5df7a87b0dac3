package io.cial.vault;

import static io.cial.vault.ToolCrudTest.envTool;
import static io.cial.vault.ToolCrudTest.httpTool;
import static io.cial.vault.ToolCrudTest.markdownTool;
import static io.cial.vault.ToolCrudTest.stdioTool;
import static io.cial.vault.VaultHarness.AGENT;
import static io.cial.vault.VaultHarness.OWNER;
import static io.cial.vault.VaultHarness.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.cial.protocol.VaultActions;
import io.cial.vault.VaultHarness.Reply;
import io.cial.vault.api.VaultOperations;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class TurnToolsTest {

    private static final String SECRET = "tool-fake-secret-00001234";
    private static final String SESSION = "sess_1";

    private VaultHarness vault;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dataDir) {
        vault = VaultHarness.start(
                vertx,
                dataDir,
                new JsonObject().put("ANTHROPIC_API_KEY", "sk-ant-fake-env-00000000"),
                new JsonObject());
    }

    private String create(JsonObject body) {
        return vault.call(OWNER, VaultOperations.CREATE_TOOL, new JsonObject(), new JsonObject(), body)
                .assertSuccess()
                .json()
                .getString("id");
    }

    private JsonObject turn(String sessionId) {
        return vault.internal(
                        VaultActions.RESOLVE_FOR_TURN,
                        new JsonObject()
                                .put("userId", Principal.OWNER_USER_ID)
                                .put("sessionId", sessionId)
                                .put("provider", "claude"))
                .assertSuccess()
                .json();
    }

    private Reply setOverrides(Principal who, JsonObject overrides) {
        return vault.call(
                who,
                VaultOperations.SET_SESSION_TOOLS,
                path("sessionId", SESSION),
                new JsonObject(),
                new JsonObject().put("overrides", overrides));
    }

    @Test
    void aTurnGetsEveryEnabledToolInTheEnginesShapes() {
        create(envTool("GITHUB_TOKEN", SECRET));
        create(stdioTool("files", SECRET));
        create(httpTool("remote", SECRET));
        create(markdownTool("style", "Be brief."));

        JsonObject turn = turn(SESSION);

        assertThat(turn.getJsonObject("env").getMap()).containsExactly(java.util.Map.entry("GITHUB_TOKEN", SECRET));
        JsonObject files = turn.getJsonObject("mcpServers").getJsonObject("files");
        assertThat(files.getString("command")).isEqualTo("node");
        assertThat(files.getJsonArray("args")).containsExactly("server.js");
        assertThat(files.getJsonObject("env").getString("API_TOKEN")).isEqualTo(SECRET);
        JsonObject remote = turn.getJsonObject("mcpServers").getJsonObject("remote");
        assertThat(remote.getString("type")).isEqualTo("http");
        assertThat(remote.getString("url")).isEqualTo("https://mcp.example.test/mcp");
        assertThat(remote.getJsonObject("headers").getString("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(turn.getJsonArray("markdown").getJsonObject(0).getMap())
                .containsEntry("name", "style")
                .containsEntry("text", "Be brief.");
    }

    @Test
    void aDisabledToolIsLeftOutOfTurns() {
        String id = create(envTool("GITHUB_TOKEN", SECRET));
        create(envTool("OTHER", SECRET));
        vault.call(OWNER, VaultOperations.DISABLE_TOOL, path("toolId", id)).assertSuccess();

        assertThat(turn(SESSION).getJsonObject("env").fieldNames()).containsExactly("OTHER");
    }

    @Test
    void aUserToolShadowsAnInstanceToolOfTheSameName() {
        create(envTool("API_TOKEN", "instance-fake-value-0001").put("scope", "instance"));
        create(envTool("API_TOKEN", "user-fake-value-00000002"));

        assertThat(turn(SESSION).getJsonObject("env").getString("API_TOKEN")).isEqualTo("user-fake-value-00000002");
    }

    @Test
    void aSessionCanDisableAToolForItsTurnsOnly() {
        String id = create(envTool("GITHUB_TOKEN", SECRET));

        Reply controls = setOverrides(OWNER, new JsonObject().put(id, false)).assertSuccess();

        JsonObject item = controls.json().getJsonArray("items").getJsonObject(0);
        assertThat(item.getBoolean("enabled")).isTrue();
        assertThat(item.getBoolean("override")).isFalse();
        assertThat(item.getBoolean("effective")).isFalse();
        assertThat(turn(SESSION).getJsonObject("env")).isEmpty();
        assertThat(turn("another_session").getJsonObject("env").fieldNames()).containsExactly("GITHUB_TOKEN");
    }

    @Test
    void aSessionCanEnableAToolThatIsOffByDefault() {
        String id = create(envTool("GITHUB_TOKEN", SECRET).put("enabled", false));

        setOverrides(OWNER, new JsonObject().put(id, true)).assertSuccess();

        assertThat(turn(SESSION).getJsonObject("env").fieldNames()).containsExactly("GITHUB_TOKEN");
        assertThat(turn("another_session").getJsonObject("env")).isEmpty();
    }

    @Test
    void replacingTheOverridesClearsTheOldOnes() {
        String id = create(envTool("GITHUB_TOKEN", SECRET));
        setOverrides(OWNER, new JsonObject().put(id, false)).assertSuccess();

        setOverrides(OWNER, new JsonObject()).assertSuccess();

        Reply controls = vault.call(OWNER, VaultOperations.GET_SESSION_TOOLS, path("sessionId", SESSION));
        assertThat(controls.json().getJsonArray("items").getJsonObject(0).getValue("override"))
                .isNull();
        assertThat(turn(SESSION).getJsonObject("env").fieldNames()).containsExactly("GITHUB_TOKEN");
    }

    @Test
    void anOverrideOfAnUnknownToolIsNotFound() {
        Reply reply = setOverrides(OWNER, new JsonObject().put("tool_missing", false));

        assertThat(reply.assertError(ErrorCode.NOT_FOUND).error()).contains("tool_missing");
    }

    @Test
    void anAgentTokenCannotChangeASessionsTools() {
        String id = create(envTool("GITHUB_TOKEN", SECRET).put("enabled", false));

        setOverrides(AGENT, new JsonObject().put(id, true)).assertError(ErrorCode.MANAGE_REQUIRED);
        vault.call(AGENT, VaultOperations.GET_SESSION_TOOLS, path("sessionId", SESSION))
                .assertSuccess();
    }

    @Test
    void forgettingASessionDropsItsOverrides() {
        String id = create(envTool("GITHUB_TOKEN", SECRET));
        setOverrides(OWNER, new JsonObject().put(id, false)).assertSuccess();

        Reply forgotten = vault.internal(
                VaultActions.FORGET_SESSION,
                new JsonObject().put("userId", Principal.OWNER_USER_ID).put("sessionId", SESSION));

        assertThat(forgotten.json().getInteger("removed")).isEqualTo(1);
        assertThat(turn(SESSION).getJsonObject("env").fieldNames()).containsExactly("GITHUB_TOKEN");
    }

    @Test
    void deletingAToolDropsItsOverrides() {
        String id = create(envTool("GITHUB_TOKEN", SECRET));
        setOverrides(OWNER, new JsonObject().put(id, false)).assertSuccess();

        vault.call(OWNER, VaultOperations.DELETE_TOOL, path("toolId", id)).assertSuccess();

        assertThat(vault.internal(
                                VaultActions.FORGET_SESSION,
                                new JsonObject()
                                        .put("userId", Principal.OWNER_USER_ID)
                                        .put("sessionId", SESSION))
                        .json()
                        .getInteger("removed"))
                .isZero();
    }
}
