package io.cial.vault;

import static io.cial.vault.ToolCrudTest.envTool;
import static io.cial.vault.ToolCrudTest.httpTool;
import static io.cial.vault.ToolCrudTest.markdownTool;
import static io.cial.vault.ToolCrudTest.stdioTool;
import static io.cial.vault.VaultHarness.AGENT;
import static io.cial.vault.VaultHarness.ALICE;
import static io.cial.vault.VaultHarness.OWNER;
import static io.cial.vault.VaultHarness.path;
import static io.cial.vault.VaultHarness.query;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Stores one known secret in every place a secret can live (env tool, MCP env value and header, API keys, OAuth
 * access and refresh tokens, the server's environment), drives every operation of the area including failures that
 * echo input, and checks that the canary appears in no reply and no log line, except the manage-gated config and the
 * resolveForTurn reply, which carry it by design.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class CanaryTest {

    private static final String CANARY = "sk-ant-fake-CANARY-7b1f0e9d2c";
    private static final String TOOL_ID = "toolId";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Level rootLevel;
    private FakeOAuthServer server;
    private VaultHarness vault;

    @BeforeEach
    void captureLogs(Vertx vertx, @TempDir Path dataDir) {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
        server = new FakeOAuthServer(vertx, CANARY + "-").start();
        JsonObject env =
                new JsonObject().put("ANTHROPIC_API_KEY", CANARY + "-env").put("KIMI_API_KEY", CANARY + "-kimi-env");
        vault = VaultHarness.start(vertx, dataDir, env, server.vaultConfig("json"));
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theCanaryLeaksIntoNoReplyAndNoLogLine() {
        List<String> toolIds = storeToolsEverywhere();
        readAndChangeTools(toolIds);
        provokeToolErrors(toolIds.get(0));
        storeAccountsEverywhere();
        provokeAccountErrors();
        resolveTurns();

        assertNoLeakInReplies();
        assertNoLeakInLogs();
    }

    private Reply create(JsonObject body) {
        return vault.call(OWNER, VaultOperations.CREATE_TOOL, new JsonObject(), new JsonObject(), body);
    }

    private List<String> storeToolsEverywhere() {
        List<String> ids = new ArrayList<>();
        ids.add(create(envTool("CANARY_TOKEN", CANARY)).assertSuccess().json().getString("id"));
        ids.add(create(stdioTool("files", CANARY).put("scope", "instance"))
                .assertSuccess()
                .json()
                .getString("id"));
        ids.add(create(httpTool("remote", CANARY)).assertSuccess().json().getString("id"));
        ids.add(create(markdownTool("notes", "no secret here"))
                .assertSuccess()
                .json()
                .getString("id"));
        return ids;
    }

    private void readAndChangeTools(List<String> ids) {
        vault.call(OWNER, VaultOperations.LIST_TOOLS).assertSuccess();
        vault.call(AGENT, VaultOperations.LIST_TOOLS).assertSuccess();
        vault.call(OWNER, VaultOperations.LIST_TOOLS, new JsonObject(), query("kind", "mcp"), null);
        for (String id : ids) {
            JsonObject tool = vault.call(OWNER, VaultOperations.GET_TOOL, path(TOOL_ID, id))
                    .assertSuccess()
                    .json();
            vault.call(
                            OWNER,
                            VaultOperations.UPDATE_TOOL,
                            path(TOOL_ID, id),
                            new JsonObject(),
                            new JsonObject().put("config", tool.getJsonObject("config")))
                    .assertSuccess();
            vault.call(OWNER, VaultOperations.DISABLE_TOOL, path(TOOL_ID, id)).assertSuccess();
            vault.call(OWNER, VaultOperations.ENABLE_TOOL, path(TOOL_ID, id)).assertSuccess();
            vault.call(OWNER, VaultOperations.GET_TOOL_CONFIG, path(TOOL_ID, id))
                    .assertSuccess();
            vault.call(AGENT, VaultOperations.GET_TOOL_CONFIG, path(TOOL_ID, id))
                    .assertError(ErrorCode.MANAGE_REQUIRED);
        }
        vault.call(
                        OWNER,
                        VaultOperations.UPDATE_TOOL,
                        path(TOOL_ID, ids.get(0)),
                        new JsonObject(),
                        new JsonObject().put("config", new JsonObject().put("value", CANARY + "-rotated")))
                .assertSuccess();
        vault.call(
                        OWNER,
                        VaultOperations.SET_SESSION_TOOLS,
                        path("sessionId", "s1"),
                        new JsonObject(),
                        new JsonObject().put("overrides", new JsonObject().put(ids.get(2), false)))
                .assertSuccess();
        vault.call(OWNER, VaultOperations.GET_SESSION_TOOLS, path("sessionId", "s1"))
                .assertSuccess();
    }

    private void provokeToolErrors(String envToolId) {
        create(envTool("CANARY_TOKEN", CANARY)).assertError(ErrorCode.CONFLICT);
        create(envTool("BAD NAME", CANARY)).assertError(ErrorCode.VALIDATION_FAILED);
        create(envTool("CIAL_TOKEN", CANARY)).assertError(ErrorCode.VALIDATION_FAILED);
        vault.callUnchecked(OWNER, VaultOperations.CREATE_TOOL, new JsonObject(), envTool("NUL", CANARY + "\0"))
                .assertError(ErrorCode.VALIDATION_FAILED);
        JsonObject badEnvName = stdioTool("files2", CANARY);
        badEnvName.getJsonObject("config").getJsonObject("env").put("BAD-NAME", CANARY);
        create(badEnvName).assertError(ErrorCode.VALIDATION_FAILED);
        JsonObject wrongField = envTool("WRONG", CANARY);
        wrongField.getJsonObject("config").put("command", CANARY);
        create(wrongField).assertError(ErrorCode.VALIDATION_FAILED);
        vault.callUnchecked(
                        OWNER,
                        VaultOperations.UPDATE_TOOL,
                        path(TOOL_ID, envToolId),
                        new JsonObject().put("config", new JsonObject().put("value", 42)))
                .assertError(ErrorCode.VALIDATION_FAILED);
        vault.call(AGENT, VaultOperations.CREATE_TOOL, new JsonObject(), new JsonObject(), envTool("X", CANARY))
                .assertError(ErrorCode.MANAGE_REQUIRED);
    }

    private Reply setAccount(Principal who, String kind, String scope, JsonObject body) {
        return vault.call(who, VaultOperations.SET_ACCOUNT, path("kind", kind), query("scope", scope), body);
    }

    private void storeAccountsEverywhere() {
        server.expiresIn(60, 60);
        setAccount(OWNER, "anthropic_api_key", "user", new JsonObject().put("secret", CANARY + "-user-key"))
                .assertSuccess();
        setAccount(OWNER, "kimi_api_key", "instance", new JsonObject().put("secret", CANARY + "-kimi"))
                .assertSuccess();
        setAccount(OWNER, "anthropic_oauth", "user", new JsonObject().put("secret", CANARY + "-pasted"))
                .assertSuccess();
        String[] codeAndState = server.signIn(vault.call(
                        OWNER,
                        VaultOperations.START_ACCOUNT_OAUTH,
                        new JsonObject(),
                        new JsonObject(),
                        new JsonObject().put("scope", "instance"))
                .assertSuccess()
                .json()
                .getString("authorizationUrl"));
        vault.call(
                        OWNER,
                        VaultOperations.COMPLETE_ACCOUNT_OAUTH,
                        new JsonObject(),
                        new JsonObject(),
                        new JsonObject().put("code", codeAndState[0] + "#" + codeAndState[1]))
                .assertSuccess();
        vault.call(
                        OWNER,
                        VaultOperations.REFRESH_ACCOUNT_OAUTH,
                        new JsonObject(),
                        new JsonObject(),
                        new JsonObject().put("scope", "instance"))
                .assertSuccess();
        vault.call(OWNER, VaultOperations.LIST_ACCOUNTS).assertSuccess();
        vault.call(ALICE, VaultOperations.LIST_ACCOUNTS).assertSuccess();
        vault.call(AGENT, VaultOperations.LIST_ACCOUNTS).assertSuccess();
    }

    private void provokeAccountErrors() {
        setAccount(OWNER, "anthropic_api_key", "user", new JsonObject().put("secret", CANARY + " trailing words"))
                .assertError(ErrorCode.VALIDATION_FAILED);
        setAccount(
                        OWNER,
                        "anthropic_api_key",
                        "user",
                        new JsonObject().put("secret", CANARY).put("expiresAt", "2099-01-01T00:00:00Z"))
                .assertError(ErrorCode.VALIDATION_FAILED);
        setAccount(AGENT, "anthropic_api_key", "user", new JsonObject().put("secret", CANARY))
                .assertError(ErrorCode.MANAGE_REQUIRED);
        String state = vault.call(OWNER, VaultOperations.START_ACCOUNT_OAUTH, new JsonObject(), new JsonObject(), null)
                .assertSuccess()
                .json()
                .getString("state");
        vault.call(
                        OWNER,
                        VaultOperations.COMPLETE_ACCOUNT_OAUTH,
                        new JsonObject(),
                        new JsonObject(),
                        new JsonObject().put("code", CANARY).put("state", state))
                .assertError(ErrorCode.VALIDATION_FAILED);
        vault.call(OWNER, VaultOperations.REMOVE_ACCOUNT, path("kind", "anthropic_oauth"), query("scope", "user"), null)
                .assertSuccess();
    }

    private void resolveTurns() {
        for (String provider : List.of("claude", "kimi", "demo")) {
            for (String user : List.of(Principal.OWNER_USER_ID, ALICE.userId())) {
                vault.internal(
                                VaultActions.RESOLVE_FOR_TURN,
                                new JsonObject()
                                        .put("userId", user)
                                        .put("sessionId", "s1")
                                        .put("provider", provider))
                        .assertSuccess();
            }
        }
        server.stop();
        server = null;
        // The instance's OAuth token is within the refresh margin: refreshing it against a dead endpoint is logged.
        vault.internal(
                        VaultActions.RESOLVE_FOR_TURN,
                        new JsonObject()
                                .put("userId", ALICE.userId())
                                .put("sessionId", "s1")
                                .put("provider", "claude"))
                .assertSuccess();
    }

    private void assertNoLeakInReplies() {
        List<String> byDesign = vault.transcript().stream()
                .filter(entry -> entry.startsWith(VaultOperations.GET_TOOL_CONFIG + " ->")
                        || entry.startsWith("internal " + VaultActions.RESOLVE_FOR_TURN + " ->"))
                .toList();
        assertThat(byDesign)
                .as("the canary was stored and comes back where it should")
                .anyMatch(e -> e.contains(CANARY));
        assertThat(vault.transcript().stream().filter(entry -> !byDesign.contains(entry)))
                .hasSizeGreaterThan(50)
                .noneMatch(entry -> entry.contains(CANARY));
    }

    private void assertNoLeakInLogs() {
        List<String> lines = logs.list.stream().map(CanaryTest::render).toList();
        assertThat(lines).anyMatch(line -> line.contains("[vault] serving"));
        assertThat(lines).anyMatch(line -> line.contains("refreshing the instance anthropic_oauth account failed"));
        assertThat(lines).noneMatch(line -> line.contains(CANARY));
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line =
                new StringBuilder(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return line.toString();
    }
}
