package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.testing.FakeAnthropic;
import io.cial.protocol.testing.FakeMcp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issues 4 and 5 end to end: a real instance, a real WebSocket, and the real Claude Code CLI against {@link
 * FakeAnthropic}. What the vault, the knowledges and the uploads hold reaches the engine (the key the fake sees, the
 * system prompt it receives, the MCP servers in the engine's init line, env tools in Bash), a turn that cannot get its
 * context stores nothing, and the turn's agent token works against the API only while its turn runs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TurnContextEndToEndTest {

    private static final String ENV_KEY = "sk-ant-fake-env-0001";
    private static final String INSTANCE_KEY = "sk-ant-fake-instance-0002";
    private static final String USER_KEY = "sk-ant-fake-user-0003";
    private static final String KIMI_KEY = "sk-kimi-fake-0004";

    @TempDir
    static Path data;

    @TempDir
    static Path scratch;

    static Vertx fakeVertx;
    static FakeAnthropic anthropic;
    static TestInstance cial;

    @BeforeAll
    static void start() {
        fakeVertx = Vertx.vertx();
        anthropic = FakeAnthropic.start(fakeVertx).await();
        cial = TestInstance.start(
                data,
                Map.of(
                        "ANTHROPIC_API_KEY",
                        ENV_KEY,
                        "ANTHROPIC_BASE_URL",
                        anthropic.baseUrl(),
                        "CIAL_KIMI_BASE_URL",
                        anthropic.baseUrl(),
                        // The agent's Bash runs curl unprompted; as root the CLI needs the explicit sandbox opt-in.
                        "CIAL_CLAUDE_PERMISSION_MODE",
                        "bypassPermissions",
                        "CIAL_CLAUDE_IS_SANDBOX",
                        "true",
                        "CIAL_DEMO_DELAY_MS",
                        "5"));
    }

    @AfterAll
    static void stop() {
        cial.close();
        anthropic.close().await();
        fakeVertx.close().await();
    }

    @Test
    void theUsersOwnAccountBeatsTheInstancesWhichBeatsTheServersEnvironment() {
        put("/accounts/anthropic_api_key?scope=instance", new JsonObject().put("secret", INSTANCE_KEY), 200);
        put("/accounts/anthropic_api_key", new JsonObject().put("secret", USER_KEY), 200);
        String sessionId = createSession("claude");

        assertThat(keyOfTurn(sessionId)).isEqualTo(USER_KEY);
        delete("/accounts/anthropic_api_key", 204);
        assertThat(keyOfTurn(sessionId)).isEqualTo(INSTANCE_KEY);
        delete("/accounts/anthropic_api_key?scope=instance", 204);
        assertThat(keyOfTurn(sessionId)).isEqualTo(ENV_KEY);
    }

    @Test
    void aKimiSessionFailsAtOnceWithoutAKeyAndReachesItsEndpointWithOne() {
        String sessionId = createSession("kimi");
        HttpResponse<Buffer> refused = startTurn(sessionId, new JsonObject().put("text", "say hi"));
        JsonObject wsRefusal;
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(turnStart(sessionId, "say hi").put("id", "k1"));
            wsRefusal = ws.first("error", 30);
        }
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("no_credential");
        assertThat(wsRefusal.getString("code")).isEqualTo("no_credential");
        assertThat(wsRefusal.getString("replyTo")).isEqualTo("k1");
        assertThat(messages(sessionId)).isEmpty();

        put("/accounts/kimi_api_key", new JsonObject().put("secret", KIMI_KEY), 200);
        try {
            Turn turn = runTurn(turnStart(sessionId, "say hi"));
            assertThat(turn.status()).isEqualTo("ok");
            FakeAnthropic.Recorded request = lastRequest();
            assertThat(request.apiKey()).isEqualTo(KIMI_KEY);
            assertThat(request.body().getString("model")).isEqualTo("kimi-k2.5");
        } finally {
            delete("/accounts/kimi_api_key", 204);
        }
    }

    @Test
    void enabledVaultToolsReachTheEngineAndDisabledOnesDoNot() {
        Path script = FakeMcp.write(scratch.resolve("mcp"));
        List<String> tools = List.of(
                createTool(env("VAULT_GREETING", "greetings-from-the-vault"), true),
                createTool(mcp("fake", FakeMcp.stdio(script, "mcp-env-reached")), true),
                createTool(mcp("dormant", FakeMcp.stdio(script, "never")), false),
                createTool(markdown("style", "Answer in haiku. NOTE-ON-77"), true),
                createTool(markdown("muted", "Answer in limericks. NOTE-OFF-78"), false));
        anthropic.script("show the greeting", FakeAnthropic.Reply.bash("echo $VAULT_GREETING"));
        anthropic.script(
                "ping the server", FakeAnthropic.Reply.tool("mcp__fake__ping", new JsonObject().put("msg", "hi")));
        try {
            String sessionId = createSession("claude");
            int before = anthropic.messageRequests().size();
            Turn echo = runTurn(turnStart(sessionId, "show the greeting"));
            FakeAnthropic.Recorded first = anthropic.messageRequests().get(before);
            Turn ping = runTurn(turnStart(sessionId, "ping the server"));

            assertThat(echo.status()).isEqualTo("ok");
            assertThat(echo.toolResults()).singleElement().asString().contains("greetings-from-the-vault");
            assertThat(echo.init().getJsonArray("mcpServers"))
                    .containsExactly(new JsonObject().put("name", "fake").put("status", "connected"));
            assertThat(first.systemText()).contains("NOTE-ON-77").doesNotContain("NOTE-OFF-78");
            assertThat(first.body().encode()).contains("mcp__fake__ping").doesNotContain("mcp__dormant__ping");
            assertThat(ping.toolResults()).singleElement().asString().contains("pong mcp-env-reached");
        } finally {
            tools.forEach(id -> delete("/tools/" + id, 204));
        }
    }

    @Test
    void aTurnDrawsOnItsKnowledgeAndAttachmentAndTheNextTurnGetsAFreshPrompt() {
        post("/knowledges", knowledge("handbook", "Deploy rules live here. KNOWLEDGE-MARKER-5"), 201);
        HttpResponse<Buffer> file = cial.request(HttpMethod.PUT, "/knowledges/handbook/files?path=deploy/rules.md")
                .putHeader("Content-Type", "application/octet-stream")
                .sendBuffer(Buffer.buffer("# Rules\nShip on Fridays only with a rollback plan.\n"))
                .await();
        assertThat(file.statusCode()).isEqualTo(201);
        JsonObject upload = upload("report.txt", "quarterly numbers: 42\n");
        String uploadId = upload.getString("id");
        String sessionId = createSession("claude");

        FakeAnthropic.Recorded withContext = requestOf(turnStart(sessionId, "summarise the attachment")
                .put("knowledges", new JsonArray().add("handbook"))
                .put("attachments", new JsonArray().add(uploadId)));
        FakeAnthropic.Recorded plain = requestOf(turnStart(sessionId, "second turn please"));
        FakeAnthropic.Recorded mentioned = requestOf(turnStart(sessionId, "what does @handbook say"));

        assertThat(withContext.systemText())
                .contains("KNOWLEDGE-MARKER-5")
                .contains("deploy/rules.md")
                .contains("report.txt")
                .containsPattern("/" + uploadId + "\\.txt");
        assertThat(plain.systemText()).doesNotContain("KNOWLEDGE-MARKER-5").doesNotContain(uploadId);
        assertThat(mentioned.systemText()).contains("KNOWLEDGE-MARKER-5");
        JsonObject userMessage = messages(sessionId).getJsonObject(0);
        assertThat(userMessage.getJsonArray("attachments"))
                .containsExactly(new JsonObject()
                        .put("id", uploadId)
                        .put("name", "report.txt")
                        .put("contentType", upload.getString("contentType"))
                        .put("size", upload.getLong("size")));
    }

    @Test
    void unknownKnowledgesAndUploadsFailTheTurnAndStoreNothing() {
        String sessionId = createSession("demo");
        int sessionsBefore = sessionCount();

        HttpResponse<Buffer> noKnowledge = startTurn(
                sessionId, new JsonObject().put("text", "hi").put("knowledges", new JsonArray().add("nowhere")));
        String missingUpload = "up_" + "0".repeat(32);
        HttpResponse<Buffer> noUpload = startTurn(
                sessionId, new JsonObject().put("text", "hi").put("attachments", new JsonArray().add(missingUpload)));
        JsonObject wsRefusal;
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(new JsonObject()
                    .put("type", "turn.start")
                    .put("text", "a new session that never starts")
                    .put("provider", "demo")
                    .put("knowledges", new JsonArray().add("nowhere")));
            wsRefusal = ws.first("error", 30);
        }

        assertThat(noKnowledge.statusCode()).isEqualTo(404);
        assertThat(noKnowledge.bodyAsJsonObject().getString("error")).contains("nowhere");
        assertThat(noUpload.statusCode()).isEqualTo(404);
        assertThat(noUpload.bodyAsJsonObject().getString("error")).contains(missingUpload);
        assertThat(wsRefusal.getString("code")).isEqualTo("not_found");
        assertThat(wsRefusal.getString("message")).contains("nowhere");
        assertThat(messages(sessionId)).isEmpty();
        assertThat(sessionCount()).isEqualTo(sessionsBefore);
    }

    @Test
    void theAgentTokenCallsTheApiDuringItsTurnAndIsRefusedAfterIt() {
        String toolId = createTool(env("GATED_TOOL", "gated-fake-value"), true);
        String headers = "-H \"Authorization: Bearer $CIAL_TOKEN\" -H 'X-Forwarded-For: 203.0.113.7'";
        anthropic.script(
                "call the api",
                FakeAnthropic.Reply.bash(
                        "echo TOKEN=$CIAL_TOKEN; curl -s " + headers + " \"$CIAL_API_URL/v1/sessions\";"
                                + " echo; curl -s " + headers + " \"$CIAL_API_URL/v1/tools/" + toolId + "/config\""));
        try {
            String sessionId = createSession("claude");
            Turn turn = runTurn(turnStart(sessionId, "call the api"));
            String output = turn.toolResults().get(0);
            Matcher token = Pattern.compile("TOKEN=(cial_at_\\S+)").matcher(output);

            assertThat(turn.status()).isEqualTo("ok");
            assertThat(output).contains("\"id\":\"" + sessionId + "\"").contains("manage_required");
            assertThat(token.find()).as("the token in %s", output).isTrue();
            HttpResponse<Buffer> after = cial.request(HttpMethod.GET, "/sessions")
                    .putHeader("Authorization", "Bearer " + token.group(1))
                    .putHeader("X-Forwarded-For", "203.0.113.7")
                    .send()
                    .await();
            assertThat(after.statusCode()).isEqualTo(401);
        } finally {
            delete("/tools/" + toolId, 204);
        }
    }

    /** One finished turn as a WebSocket client saw it. */
    record Turn(String sessionId, String turnId, String status, List<JsonObject> events) {

        List<String> toolResults() {
            return events.stream()
                    .filter(e -> "tool_result".equals(e.getString("kind")))
                    .map(e -> String.valueOf(e.getValue("content")))
                    .toList();
        }

        JsonObject init() {
            List<JsonObject> inits = events.stream()
                    .filter(e -> "init".equals(e.getString("kind")))
                    .toList();
            assertThat(inits).hasSize(1);
            return inits.get(0);
        }
    }

    private static Turn runTurn(JsonObject frame) {
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            ws.send(frame);
            JsonObject started = ws.first("turn.started", 30);
            String turnId = started.getString("turnId");
            List<JsonObject> frames = ws.until(SocketClient.doneOf(turnId), 90);
            List<JsonObject> events = frames.stream()
                    .filter(f -> "turn.event".equals(f.getString("type")) && turnId.equals(f.getString("turnId")))
                    .map(f -> f.getJsonObject("event"))
                    .toList();
            String status = frames.get(frames.size() - 1).getString("status");
            return new Turn(started.getString("sessionId"), turnId, status, events);
        }
    }

    /** The first request the fake received for a turn started with {@code frame}. */
    private static FakeAnthropic.Recorded requestOf(JsonObject frame) {
        int before = anthropic.messageRequests().size();
        assertThat(runTurn(frame).status()).isEqualTo("ok");
        return anthropic.messageRequests().get(before);
    }

    private static String keyOfTurn(String sessionId) {
        return requestOf(turnStart(sessionId, "say hi")).apiKey();
    }

    private static FakeAnthropic.Recorded lastRequest() {
        List<FakeAnthropic.Recorded> requests = anthropic.messageRequests();
        return requests.get(requests.size() - 1);
    }

    private static JsonObject turnStart(String sessionId, String text) {
        return new JsonObject()
                .put("type", "turn.start")
                .put("sessionId", sessionId)
                .put("text", text);
    }

    private static HttpResponse<Buffer> startTurn(String sessionId, JsonObject body) {
        return cial.post("/sessions/" + sessionId + "/turns", body);
    }

    private static String createSession(String provider) {
        return post("/sessions", new JsonObject().put("provider", provider), 201)
                .getString("id");
    }

    private static int sessionCount() {
        return cial.get("/sessions?limit=200")
                .bodyAsJsonObject()
                .getJsonArray("items")
                .size();
    }

    private static JsonArray messages(String sessionId) {
        HttpResponse<Buffer> response = cial.get("/sessions/" + sessionId + "/messages");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("items");
    }

    private static String createTool(JsonObject tool, boolean enabled) {
        return post("/tools", tool.put("enabled", enabled), 201).getString("id");
    }

    static JsonObject env(String name, String value) {
        return new JsonObject()
                .put("kind", "env")
                .put("name", name)
                .put("config", new JsonObject().put("value", value));
    }

    static JsonObject mcp(String name, JsonObject config) {
        return new JsonObject().put("kind", "mcp").put("name", name).put("config", config);
    }

    static JsonObject markdown(String name, String text) {
        return new JsonObject()
                .put("kind", "markdown")
                .put("name", name)
                .put("config", new JsonObject().put("text", text));
    }

    private static JsonObject knowledge(String name, String instructions) {
        return new JsonObject()
                .put("name", name)
                .put("description", "test knowledge")
                .put("instructions", instructions);
    }

    private static JsonObject upload(String name, String content) {
        HttpResponse<Buffer> response = cial.request(HttpMethod.POST, "/uploads")
                .putHeader("Content-Type", "application/octet-stream")
                .putHeader("X-Filename", name)
                .sendBuffer(Buffer.buffer(content))
                .await();
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject();
    }

    private static JsonObject post(String path, JsonObject body, int expected) {
        HttpResponse<Buffer> response = cial.post(path, body);
        assertThat(response.statusCode())
                .as("POST %s: %s", path, response.bodyAsString())
                .isEqualTo(expected);
        return response.bodyAsJsonObject();
    }

    private static void put(String path, JsonObject body, int expected) {
        HttpResponse<Buffer> response =
                cial.request(HttpMethod.PUT, path).sendJsonObject(body).await();
        assertThat(response.statusCode())
                .as("PUT %s: %s", path, response.bodyAsString())
                .isEqualTo(expected);
    }

    private static void delete(String path, int expected) {
        HttpResponse<Buffer> response =
                cial.request(HttpMethod.DELETE, path).send().await();
        assertThat(response.statusCode())
                .as("DELETE %s: %s", path, response.bodyAsString())
                .isEqualTo(expected);
    }
}
