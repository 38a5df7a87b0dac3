package io.cial.vault;

import static io.cial.vault.VaultHarness.AGENT;
import static io.cial.vault.VaultHarness.ALICE;
import static io.cial.vault.VaultHarness.OWNER;
import static io.cial.vault.VaultHarness.path;
import static io.cial.vault.VaultHarness.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ErrorCode;
import io.cial.vault.VaultHarness.Reply;
import io.cial.vault.api.SecretMask;
import io.cial.vault.api.VaultOperations;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ToolCrudTest {

    private static final String SECRET = "ghp-fake-0123456789abcdef";
    private static final String TOOL_ID = "toolId";

    private VaultHarness vault;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dataDir) {
        vault = VaultHarness.start(vertx, dataDir);
    }

    static JsonObject envTool(String name, String value) {
        return new JsonObject()
                .put("kind", "env")
                .put("name", name)
                .put("config", new JsonObject().put("value", value));
    }

    static JsonObject stdioTool(String name, String envSecret) {
        return new JsonObject()
                .put("kind", "mcp")
                .put("name", name)
                .put("description", "files")
                .put(
                        "config",
                        new JsonObject()
                                .put("command", "node")
                                .put("args", new JsonArray().add("server.js"))
                                .put("env", new JsonObject().put("API_TOKEN", envSecret)));
    }

    static JsonObject httpTool(String name, String headerSecret) {
        return new JsonObject()
                .put("kind", "mcp")
                .put("name", name)
                .put(
                        "config",
                        new JsonObject()
                                .put("transport", "http")
                                .put("url", "https://mcp.example.test/mcp")
                                .put("headers", new JsonObject().put("Authorization", "Bearer " + headerSecret)));
    }

    static JsonObject markdownTool(String name, String text) {
        return new JsonObject()
                .put("kind", "markdown")
                .put("name", name)
                .put("config", new JsonObject().put("text", text));
    }

    private Reply create(JsonObject body) {
        return vault.call(OWNER, VaultOperations.CREATE_TOOL, new JsonObject(), new JsonObject(), body);
    }

    private String createId(JsonObject body) {
        Reply reply = create(body).assertSuccess();
        assertThat(reply.status()).isEqualTo(201);
        return reply.json().getString("id");
    }

    @Test
    void envToolIsCreatedListedAndReadBackMasked() {
        JsonObject created =
                create(envTool("GITHUB_TOKEN", SECRET)).assertSuccess().json();

        assertThat(created.getString("scope")).isEqualTo("user");
        assertThat(created.getBoolean("enabled")).isTrue();
        assertThat(created.getJsonObject("config").getString("value")).isEqualTo(SecretMask.MASK + "cdef");

        Reply listed = vault.call(OWNER, VaultOperations.LIST_TOOLS).assertSuccess();
        assertThat(listed.items()).hasSize(1);
        assertThat(listed.items().encode()).doesNotContain(SECRET);

        Reply got = vault.call(OWNER, VaultOperations.GET_TOOL, path(TOOL_ID, created.getString("id")));
        assertThat(got.json().getString("name")).isEqualTo("GITHUB_TOKEN");
        assertThat(got.json().encode()).doesNotContain(SECRET);
    }

    @Test
    void stdioAndHttpMcpToolsMaskEnvAndHeaderValuesButNotTheirShape() {
        JsonObject stdio = create(stdioTool("files", SECRET)).assertSuccess().json();
        JsonObject http = create(httpTool("remote", SECRET)).assertSuccess().json();

        JsonObject stdioConfig = stdio.getJsonObject("config");
        assertThat(stdioConfig.getString("transport")).isEqualTo("stdio");
        assertThat(stdioConfig.getString("command")).isEqualTo("node");
        assertThat(stdioConfig.getJsonArray("args")).containsExactly("server.js");
        assertThat(stdioConfig.getJsonObject("env").getString("API_TOKEN")).isEqualTo(SecretMask.MASK + "cdef");
        JsonObject httpConfig = http.getJsonObject("config");
        assertThat(httpConfig.getString("url")).isEqualTo("https://mcp.example.test/mcp");
        assertThat(httpConfig.getJsonObject("headers").getString("Authorization"))
                .isEqualTo(SecretMask.MASK + "cdef");
    }

    @Test
    void markdownToolKeepsItsTextVisible() {
        JsonObject created = create(markdownTool("House style", "Always answer in English."))
                .assertSuccess()
                .json();

        assertThat(created.getJsonObject("config").getString("text")).isEqualTo("Always answer in English.");
    }

    @Test
    void shortSecretsShowOnlyTheMask() {
        JsonObject created = create(envTool("PIN", "1234")).assertSuccess().json();

        assertThat(created.getJsonObject("config").getString("value")).isEqualTo(SecretMask.MASK);
    }

    @Test
    void updateWithTheMaskedValueKeepsTheStoredSecret() {
        JsonObject created = create(stdioTool("files", SECRET)).assertSuccess().json();
        String id = created.getString("id");
        JsonObject echoedConfig = created.getJsonObject("config").put("args", new JsonArray().add("v2.js"));

        Reply updated = vault.call(
                OWNER,
                VaultOperations.UPDATE_TOOL,
                path(TOOL_ID, id),
                new JsonObject(),
                new JsonObject().put("config", echoedConfig).put("description", "renamed"));

        assertThat(updated.json().getString("description")).isEqualTo("renamed");
        JsonObject clear = vault.call(OWNER, VaultOperations.GET_TOOL_CONFIG, path(TOOL_ID, id))
                .json()
                .getJsonObject("config");
        assertThat(clear.getJsonArray("args")).containsExactly("v2.js");
        assertThat(clear.getJsonObject("env").getString("API_TOKEN")).isEqualTo(SECRET);
    }

    @Test
    void updateWithANewValueReplacesTheSecret() {
        String id = createId(envTool("API_KEY", SECRET));

        vault.call(
                        OWNER,
                        VaultOperations.UPDATE_TOOL,
                        path(TOOL_ID, id),
                        new JsonObject(),
                        new JsonObject().put("config", new JsonObject().put("value", "new-fake-secret-9999")))
                .assertSuccess();

        assertThat(vault.call(OWNER, VaultOperations.GET_TOOL_CONFIG, path(TOOL_ID, id))
                        .json()
                        .getJsonObject("config")
                        .getString("value"))
                .isEqualTo("new-fake-secret-9999");
    }

    @Test
    void aMaskedValueWhereNoSecretIsStoredIsRejectedByField() {
        String id = createId(stdioTool("files", SECRET));
        JsonObject config = new JsonObject()
                .put("command", "node")
                .put("env", new JsonObject().put("OTHER", SecretMask.MASK + "abcd"));

        Reply reply = vault.call(
                OWNER,
                VaultOperations.UPDATE_TOOL,
                path(TOOL_ID, id),
                new JsonObject(),
                new JsonObject().put("config", config));

        reply.assertError(ErrorCode.VALIDATION_FAILED);
        assertThat(reply.error()).contains("config.env.OTHER");
    }

    @Test
    void creatingWithAMaskedValueIsRejected() {
        create(envTool("API_KEY", SecretMask.MASK + "abcd")).assertError(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void duplicateNameInOneTierIsAConflictNamingTheName() {
        create(envTool("API_KEY", SECRET)).assertSuccess();

        Reply reply = create(markdownTool("API_KEY", "text")).assertError(ErrorCode.CONFLICT);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.error()).contains("'API_KEY'");
    }

    @Test
    void renamingOntoATakenNameIsAConflict() {
        create(envTool("FIRST", SECRET)).assertSuccess();
        String second = createId(envTool("SECOND", SECRET));

        vault.call(
                        OWNER,
                        VaultOperations.UPDATE_TOOL,
                        path(TOOL_ID, second),
                        new JsonObject(),
                        new JsonObject().put("name", "FIRST"))
                .assertError(ErrorCode.CONFLICT);
    }

    @Test
    void theSameNameMayExistOnceInEachTier() {
        create(envTool("API_KEY", SECRET)).assertSuccess();

        create(envTool("API_KEY", SECRET).put("scope", "instance")).assertSuccess();

        assertThat(vault.call(OWNER, VaultOperations.LIST_TOOLS).items()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CIAL_TOKEN",
                "CIAL_API_URL",
                "HOME",
                "PATH",
                "TMPDIR",
                "ANTHROPIC_API_KEY",
                "ANTHROPIC_BASE_URL",
                "CLAUDE_CODE_OAUTH_TOKEN",
                "path",
                "LD_PRELOAD"
            })
    void envToolsMayNotOverrideTheServersOwnVariables(String name) {
        Reply reply = create(envTool(name, SECRET)).assertError(ErrorCode.VALIDATION_FAILED);

        assertThat(reply.error()).contains(name).contains("server sets itself");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ABC", "MY-VAR", "MY VAR", "A.B"})
    void envToolNamesMustBeVariableNames(String name) {
        Reply reply = create(envTool(name, SECRET)).assertError(ErrorCode.VALIDATION_FAILED);

        assertThat(reply.error()).contains("not a valid environment variable name");
    }

    @Test
    void mcpToolsNeedTheirKindsFields() {
        JsonObject noCommand =
                new JsonObject().put("kind", "mcp").put("name", "x").put("config", new JsonObject());
        JsonObject badUrl = httpTool("remote", SECRET);
        badUrl.getJsonObject("config").put("url", "ftp://example.test");
        JsonObject mixed = stdioTool("files", SECRET);
        mixed.getJsonObject("config").put("url", "https://example.test");

        assertThat(create(noCommand).assertError(ErrorCode.VALIDATION_FAILED).error())
                .contains("config.command");
        assertThat(create(badUrl).assertError(ErrorCode.VALIDATION_FAILED).error())
                .contains("config.url");
        assertThat(create(mixed).assertError(ErrorCode.VALIDATION_FAILED).error())
                .contains("config.url does not apply to a stdio mcp tool");
    }

    @Test
    void envToolsTakeOnlyAValue() {
        JsonObject body = envTool("API_KEY", SECRET);
        body.getJsonObject("config").put("text", "stray");

        assertThat(create(body).assertError(ErrorCode.VALIDATION_FAILED).error())
                .contains("config.text");
    }

    @Test
    void aKindTheAreaDoesNotKnowIsRejected() {
        Reply reply = vault.callUnchecked(
                OWNER,
                VaultOperations.CREATE_TOOL,
                new JsonObject(),
                envTool("A", SECRET).put("kind", "shell"));

        assertThat(reply.assertError(ErrorCode.VALIDATION_FAILED).error()).contains("kind");
    }

    @Test
    void aFieldOfTheWrongTypeIsAValidationErrorNamingIt() {
        Reply reply = vault.callUnchecked(
                OWNER,
                VaultOperations.CREATE_TOOL,
                new JsonObject(),
                envTool("A", SECRET).put("enabled", "yes"));

        assertThat(reply.assertError(ErrorCode.VALIDATION_FAILED).error()).contains("enabled");
    }

    @Test
    void enableAndDisableFlipTheFlag() {
        String id = createId(envTool("API_KEY", SECRET));

        Reply disabled = vault.call(OWNER, VaultOperations.DISABLE_TOOL, path(TOOL_ID, id));
        Reply listed = vault.call(OWNER, VaultOperations.LIST_TOOLS);
        Reply enabled = vault.call(OWNER, VaultOperations.ENABLE_TOOL, path(TOOL_ID, id));

        assertThat(disabled.json().getBoolean("enabled")).isFalse();
        assertThat(listed.items().getJsonObject(0).getBoolean("enabled")).isFalse();
        assertThat(enabled.json().getBoolean("enabled")).isTrue();
    }

    @Test
    void deleteRemovesTheToolAndASecondDeleteIsNotFound() {
        String id = createId(envTool("API_KEY", SECRET));

        Reply deleted = vault.call(OWNER, VaultOperations.DELETE_TOOL, path(TOOL_ID, id));

        assertThat(deleted.status()).isEqualTo(204);
        vault.call(OWNER, VaultOperations.GET_TOOL, path(TOOL_ID, id)).assertError(ErrorCode.NOT_FOUND);
        vault.call(OWNER, VaultOperations.DELETE_TOOL, path(TOOL_ID, id)).assertError(ErrorCode.NOT_FOUND);
    }

    @Test
    void listFiltersByScopeAndKind() {
        create(envTool("API_KEY", SECRET)).assertSuccess();
        create(markdownTool("notes", "text").put("scope", "instance")).assertSuccess();

        Reply instance =
                vault.call(OWNER, VaultOperations.LIST_TOOLS, new JsonObject(), query("scope", "instance"), null);
        Reply env = vault.call(OWNER, VaultOperations.LIST_TOOLS, new JsonObject(), query("kind", "env"), null);

        assertThat(instance.items())
                .extracting(o -> ((JsonObject) o).getString("name"))
                .containsExactly("notes");
        assertThat(env.items())
                .extracting(o -> ((JsonObject) o).getString("name"))
                .containsExactly("API_KEY");
    }

    @Test
    void aUsersToolIsInvisibleToAnotherUserWhileInstanceToolsAreShared() {
        String own = createId(envTool("API_KEY", SECRET));
        create(markdownTool("shared", "text").put("scope", "instance")).assertSuccess();

        Reply aliceList = vault.call(ALICE, VaultOperations.LIST_TOOLS);

        assertThat(aliceList.items())
                .extracting(o -> ((JsonObject) o).getString("name"))
                .containsExactly("shared");
        vault.call(ALICE, VaultOperations.GET_TOOL, path(TOOL_ID, own)).assertError(ErrorCode.NOT_FOUND);
        vault.call(ALICE, VaultOperations.GET_TOOL_CONFIG, path(TOOL_ID, own)).assertError(ErrorCode.NOT_FOUND);
    }

    @Test
    void theOwnerReadsTheUnmaskedConfig() {
        String id = createId(httpTool("remote", SECRET));

        Reply reply = vault.call(OWNER, VaultOperations.GET_TOOL_CONFIG, path(TOOL_ID, id))
                .assertSuccess();

        assertThat(reply.json().getJsonObject("config").getJsonObject("headers").getString("Authorization"))
                .isEqualTo("Bearer " + SECRET);
    }

    @Test
    void anAgentTokenIsRefusedTheUnmaskedConfig() {
        String id = createId(envTool("API_KEY", SECRET));

        Reply reply = vault.call(AGENT, VaultOperations.GET_TOOL_CONFIG, path(TOOL_ID, id));

        reply.assertError(ErrorCode.MANAGE_REQUIRED);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().encode()).doesNotContain(SECRET);
    }

    @Test
    void anAgentTokenReadsMaskedButChangesNothing() {
        String id = createId(envTool("API_KEY", SECRET));

        assertThat(vault.call(AGENT, VaultOperations.GET_TOOL, path(TOOL_ID, id))
                        .json()
                        .encode())
                .doesNotContain(SECRET);
        vault.call(AGENT, VaultOperations.CREATE_TOOL, new JsonObject(), new JsonObject(), envTool("B", SECRET))
                .assertError(ErrorCode.MANAGE_REQUIRED);
        vault.call(AGENT, VaultOperations.DISABLE_TOOL, path(TOOL_ID, id)).assertError(ErrorCode.MANAGE_REQUIRED);
        vault.call(AGENT, VaultOperations.DELETE_TOOL, path(TOOL_ID, id)).assertError(ErrorCode.MANAGE_REQUIRED);
    }

    @Test
    void toolsSurviveARestart() {
        String id = createId(envTool("API_KEY", SECRET));

        vault.restart();

        assertThat(vault.call(OWNER, VaultOperations.GET_TOOL_CONFIG, path(TOOL_ID, id))
                        .json()
                        .getJsonObject("config")
                        .getString("value"))
                .isEqualTo(SECRET);
    }
}
