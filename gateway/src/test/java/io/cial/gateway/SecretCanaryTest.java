package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.cial.protocol.testing.FakeAnthropic;
import io.cial.protocol.testing.FakeMcp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 4's proof that nothing leaks, at the HTTP level of a real instance: one known secret is stored in every place a
 * secret can live (env tool, MCP env and header, API keys of both tiers, a pasted OAuth token, a Kimi key, the server's
 * environment); turns run (demo and claude, the claude one through the real CLI with those tools); every GET of the
 * contract is called; validation errors that echo input are provoked, over HTTP and the WebSocket. The canary must then
 * appear in no response body but the manage-gated {@code getToolConfig}, in no WebSocket frame and in no log line
 * (root logger at DEBUG; the framework loggers keep the levels the product's logback.xml gives them, since Vert.x Web
 * logs a rejected request's schema errors, property names included, at its own DEBUG). An agent token gets 403 on
 * {@code getToolConfig}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SecretCanaryTest {

    private static final String CANARY = "sk-ant-fake-CANARY-5d02c4e1a9";
    private static final String GATED = "getToolConfig ";

    @TempDir
    Path data;

    @TempDir
    Path scratch;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> transcript = new CopyOnWriteArrayList<>();
    private final List<String> tools = new ArrayList<>();
    private Logger root;
    private Level rootLevel;
    private Vertx fakeVertx;
    private FakeAnthropic anthropic;
    private TestInstance cial;

    @BeforeEach
    void start() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
        fakeVertx = Vertx.vertx();
        anthropic = FakeAnthropic.start(fakeVertx).await();
        cial = TestInstance.start(
                data,
                Map.of(
                        "ANTHROPIC_API_KEY",
                        CANARY + "-server-env",
                        "KIMI_API_KEY",
                        CANARY + "-server-kimi",
                        "ANTHROPIC_BASE_URL",
                        anthropic.baseUrl(),
                        "CIAL_CLAUDE_PERMISSION_MODE",
                        "bypassPermissions",
                        "CIAL_CLAUDE_IS_SANDBOX",
                        "true",
                        "CIAL_DEMO_DELAY_MS",
                        "5"));
    }

    @AfterEach
    void stop() {
        try {
            cial.close();
            anthropic.close().await();
            fakeVertx.close().await();
        } finally {
            root.detachAppender(logs);
            root.setLevel(rootLevel);
        }
    }

    @Test
    void theCanaryLeaksIntoNoResponseNoFrameAndNoLogLine() {
        List<String> frames;
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            storeTheCanaryEverywhere();
            runTurns(ws);
            provokeFrameErrors(ws);
            provokeHttpErrors();
            getEverything();
            frames = ws.received();
        }

        assertThat(transcript.stream().filter(entry -> entry.startsWith(GATED)))
                .as("the manage-gated config returns the stored secrets, so the canary is detectable")
                .anyMatch(entry -> entry.contains(CANARY));
        List<String> ungated =
                transcript.stream().filter(entry -> !entry.startsWith(GATED)).toList();
        assertThat(ungated).hasSizeGreaterThan(40);
        assertThat(leaking(ungated)).as("responses holding the canary").isEmpty();
        assertThat(frames).hasSizeGreaterThan(20);
        assertThat(leaking(frames)).as("frames holding the canary").isEmpty();
        List<String> lines = logs.list.stream().map(SecretCanaryTest::render).toList();
        assertThat(lines).anyMatch(line -> line.contains("[vault] serving"));
        assertThat(leaking(lines)).as("log lines holding the canary").isEmpty();
    }

    private void storeTheCanaryEverywhere() {
        Path script = FakeMcp.write(scratch.resolve("mcp"));
        tools.add(created(send(HttpMethod.POST, "/tools", TurnContextEndToEndTest.env("CANARY_TOKEN", CANARY))));
        JsonObject stdio = FakeMcp.stdio(script, CANARY + "-mcp-env");
        tools.add(created(send(HttpMethod.POST, "/tools", TurnContextEndToEndTest.mcp("files", stdio))));
        JsonObject remote = new JsonObject()
                .put("transport", "http")
                // A closed port on loopback: the engine tries it and reports the server failed.
                .put("url", "http://127.0.0.1:9/mcp")
                .put("headers", new JsonObject().put("Authorization", "Bearer " + CANARY + "-header"));
        tools.add(created(send(HttpMethod.POST, "/tools", TurnContextEndToEndTest.mcp("remote", remote))));
        tools.add(created(send(HttpMethod.POST, "/tools", TurnContextEndToEndTest.markdown("notes", "no secret"))));
        setAccount("anthropic_api_key", "user", CANARY + "-user-key");
        setAccount("anthropic_api_key", "instance", CANARY + "-instance-key");
        setAccount("anthropic_oauth", "user", CANARY + "-pasted-oauth");
        setAccount("kimi_api_key", "instance", CANARY + "-kimi");
    }

    private void setAccount(String kind, String scope, String secret) {
        HttpResponse<Buffer> response =
                send(HttpMethod.PUT, "/accounts/" + kind + "?scope=" + scope, new JsonObject().put("secret", secret));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    }

    private void runTurns(SocketClient ws) {
        String gated = "curl -s -o /dev/null -w 'config:%{http_code}' -H \"Authorization: Bearer $CIAL_TOKEN\""
                + " -H 'X-Forwarded-For: 203.0.113.7' \"$CIAL_API_URL/v1/tools/" + tools.get(0) + "/config\"";
        anthropic.script("try the vault", FakeAnthropic.Reply.bash(gated));
        JsonObject demo = turn(ws, new JsonObject().put("text", "hello").put("provider", "demo"));
        JsonObject claude =
                turn(ws, new JsonObject().put("text", "try the vault").put("provider", "claude"));
        String claudeSession = claude.getString("sessionId");
        turn(ws, new JsonObject().put("sessionId", claudeSession).put("text", "second turn please"));
        HttpResponse<Buffer> rest = send(
                HttpMethod.POST,
                "/sessions/" + demo.getString("sessionId") + "/turns",
                new JsonObject().put("text", "and over REST"));
        ws.until(SocketClient.doneOf(rest.bodyAsJsonObject().getString("turnId")), 60);

        List<JsonObject> results = ws.received().stream()
                .map(JsonObject::new)
                .filter(f -> "turn.event".equals(f.getString("type")))
                .map(f -> f.getJsonObject("event"))
                .filter(e -> "tool_result".equals(e.getString("kind")))
                .toList();
        assertThat(results)
                .as("the agent token is refused at the manage gate over HTTP")
                .anyMatch(e -> String.valueOf(e.getValue("content")).contains("config:403"));
        assertThat(anthropic.messageRequests()).isNotEmpty();
    }

    /** Sends turn.start and waits for its turn.done; answers turn.started. */
    private static JsonObject turn(SocketClient ws, JsonObject body) {
        ws.send(body.put("type", "turn.start"));
        JsonObject started = ws.first("turn.started", 30);
        List<JsonObject> frames = ws.until(SocketClient.doneOf(started.getString("turnId")), 90);
        assertThat(frames.get(frames.size() - 1).getString("status")).isEqualTo("ok");
        return started;
    }

    private void provokeFrameErrors(SocketClient ws) {
        ws.send(new JsonObject().put("type", "turn.start").put("text", "hi").put("provider", CANARY));
        ws.first("error", 30);
        ws.send(new JsonObject()
                .put("type", "turn.start")
                .put("text", "hi")
                .put("model", 5)
                .put("sessionId", 7));
        ws.first("error", 30);
        ws.send(new JsonObject()
                .put("type", "turn.start")
                .put("text", "hi")
                .put("provider", "demo")
                .put("attachments", new JsonArray().add(new JsonObject().put("secret", CANARY))));
        ws.first("error", 30);
        ws.send(new JsonObject().put("type", CANARY));
        ws.first("error", 30);
    }

    private void provokeHttpErrors() {
        String toolId = tools.get(0);
        send(HttpMethod.POST, "/tools", TurnContextEndToEndTest.env("CANARY_TOKEN", CANARY));
        send(HttpMethod.POST, "/tools", TurnContextEndToEndTest.env("BAD NAME", CANARY));
        send(HttpMethod.POST, "/tools", TurnContextEndToEndTest.env("CIAL_TOKEN", CANARY));
        send(HttpMethod.POST, "/tools", TurnContextEndToEndTest.env(CANARY + "-as-a-name", "value"));
        send(HttpMethod.POST, "/tools", TurnContextEndToEndTest.env("LONG", CANARY.repeat(2000)));
        send(HttpMethod.POST, "/tools", new JsonObject().put("kind", CANARY).put("name", "x"));
        send(HttpMethod.POST, "/tools", new JsonObject().put(CANARY, CANARY));
        send(HttpMethod.PATCH, "/tools/" + toolId, new JsonObject().put("config", new JsonObject().put("value", 42)));
        send(HttpMethod.PATCH, "/tools/" + toolId, new JsonObject().put("name", CANARY + " with spaces"));
        send(HttpMethod.PUT, "/accounts/anthropic_api_key", new JsonObject().put("secret", CANARY + " two words"));
        send(HttpMethod.PUT, "/accounts/anthropic_api_key", new JsonObject().put("secret", CANARY.repeat(1000)));
        send(
                HttpMethod.PUT,
                "/accounts/anthropic_api_key",
                new JsonObject().put("secret", 7).put("key", CANARY));
        send(HttpMethod.PUT, "/accounts/" + CANARY, new JsonObject().put("secret", CANARY));
        send(HttpMethod.POST, "/accounts/oauth/complete", new JsonObject().put("code", CANARY));
        send(HttpMethod.POST, "/sessions", new JsonObject().put("provider", CANARY));
        send(HttpMethod.POST, "/sessions", new JsonObject().put("name", CANARY).put("model", 3));
        raw(HttpMethod.PUT, "/accounts/anthropic_api_key", "{\"secret\": \"" + CANARY + "\"", "application/json");
        raw(HttpMethod.PUT, "/accounts/anthropic_api_key", "secret=" + CANARY, "text/plain");
        send(HttpMethod.GET, "/tools?kind=" + CANARY, null);
        send(HttpMethod.GET, "/sessions?cursor=" + CANARY, null);
    }

    /** Every GET of the contract, with the ids this run created filled into its path. */
    private void getEverything() {
        String sessionId = cial.get("/sessions")
                .bodyAsJsonObject()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        JsonObject paths = cial.get("/openapi.json").bodyAsJsonObject().getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            if (!paths.getJsonObject(path).containsKey("get")) {
                continue;
            }
            for (String toolId : path.contains("{toolId}") ? tools : List.of("none")) {
                String concrete = path.replace("{sessionId}", sessionId)
                        .replace("{toolId}", toolId)
                        .replace("{name}", "cial-instance")
                        .replace("{kind}", "anthropic_api_key");
                send(HttpMethod.GET, concrete + (path.contains("/files") ? "?path=README.md" : ""), null);
            }
        }
        send(HttpMethod.GET, "/tools?kind=mcp", null);
        send(HttpMethod.GET, "/tools?scope=instance", null);
        send(HttpMethod.GET, "/sessions/" + sessionId + "/events?after=0", null);
    }

    private HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) {
        HttpRequest<Buffer> request = cial.request(method, path);
        HttpResponse<Buffer> response = (body == null ? request.send() : request.sendJsonObject(body)).await();
        record(method, path, response);
        return response;
    }

    private void raw(HttpMethod method, String path, String body, String contentType) {
        HttpResponse<Buffer> response = cial.request(method, path)
                .putHeader("Content-Type", contentType)
                .sendBuffer(Buffer.buffer(body))
                .await();
        record(method, path, response);
    }

    private void record(HttpMethod method, String path, HttpResponse<Buffer> response) {
        boolean gated = method == HttpMethod.GET && path.matches("/tools/[^/]+/config");
        String bodyText = response.body() == null ? "" : response.bodyAsString();
        // The request's own path may hold the canary; only what came back is checked.
        String shownPath = path.replace(CANARY, "<canary>");
        transcript.add((gated ? GATED : "") + method + " " + shownPath + " -> " + response.statusCode() + " " + bodyText
                + " " + response.headers());
    }

    private static List<String> leaking(List<String> texts) {
        return texts.stream().filter(text -> text.contains(CANARY)).toList();
    }

    private static String created(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        return response.bodyAsJsonObject().getString("id");
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
