package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent token as the engine really holds it: read from the running engine's environment, it authenticates
 * requests with bodies (not only GETs) while the turn runs, and stops working when the turn ends.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AgentTokenTest {

    @TempDir
    static Path data;

    static TestInstance cial;

    @BeforeAll
    static void start() {
        cial = TestInstance.start(data, Map.of("CIAL_DEMO_DELAY_MS", "50"));
    }

    @AfterAll
    static void stop() {
        cial.close();
    }

    @Test
    void agentTokenWritesWhileItsTurnRunsAndIsRefusedAfter() throws Exception {
        String sessionId = cial.post("/sessions", new JsonObject().put("provider", "demo"))
                .bodyAsJsonObject()
                .getString("id");
        cial.post("/sessions/" + sessionId + "/turns", new JsonObject().put("text", "slowly please"));
        String token = awaitEngineToken();

        HttpResponse<Buffer> created = asAgent(HttpMethod.POST, "/sessions")
                .sendJsonObject(new JsonObject().put("name", "made by the agent"))
                .await();
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        String made = created.bodyAsJsonObject().getString("id");
        HttpResponse<Buffer> renamed = asAgent(HttpMethod.PATCH, "/sessions/" + made)
                .sendJsonObject(new JsonObject().put("name", "renamed by the agent"))
                .await();
        assertThat(renamed.statusCode()).as(renamed.bodyAsString()).isEqualTo(200);

        cial.post("/sessions/" + sessionId + "/cancel", new JsonObject());
        long deadline = System.currentTimeMillis() + 30_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline && status != 401) {
            status = asAgent(HttpMethod.GET, "/sessions").send().await().statusCode();
            Thread.sleep(100);
        }
        assertThat(status).as("the token dies with its turn").isEqualTo(401);
        assertThat(token).startsWith("cial_at_");
    }

    private static String agentToken;

    private io.vertx.ext.web.client.HttpRequest<Buffer> asAgent(HttpMethod method, String path) {
        // A forwarding header takes loopback trust away, so only the token can authenticate.
        return cial.request(method, path)
                .putHeader("X-Forwarded-For", "203.0.113.9")
                .bearerTokenAuthentication(agentToken);
    }

    /** The CIAL_TOKEN of the engine process started for this instance, from /proc. */
    private static String awaitEngineToken() throws Exception {
        String apiUrl = cial.instance.apiUrl();
        for (int i = 0; i < 200 && agentToken == null; i++) {
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                agentToken = procs.map(AgentTokenTest::environ)
                        .flatMap(Optional::stream)
                        .filter(env -> apiUrl.equals(env.get("CIAL_API_URL")))
                        .map(env -> env.get("CIAL_TOKEN"))
                        .findFirst()
                        .orElse(null);
            }
            Thread.sleep(50);
        }
        assertThat(agentToken).as("the engine's CIAL_TOKEN").isNotNull();
        return agentToken;
    }

    private static Optional<Map<String, String>> environ(Path proc) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve("environ"));
            Map<String, String> env = new java.util.HashMap<>();
            for (String entry : new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            return Optional.of(env);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
