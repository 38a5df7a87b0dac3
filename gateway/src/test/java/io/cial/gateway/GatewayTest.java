package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The public listener's own behaviour: identity, contract, errors, the WebSocket handshake and frames. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayTest {

    @TempDir
    static Path data;

    static TestInstance cial;

    @BeforeAll
    static void start() {
        cial = TestInstance.start(data);
    }

    @AfterAll
    static void stop() {
        cial.close();
    }

    @Test
    void livenessIsPublicAndUp() {
        HttpResponse<Buffer> response = cial.request(HttpMethod.GET, "/system/health")
                .putHeader("X-Forwarded-For", "203.0.113.9")
                .send()
                .await();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    }

    @Test
    void readinessIsPublicButShowsItsDetailsOnlyToTheOwner() {
        HttpResponse<Buffer> anonymous = cial.request(HttpMethod.GET, "/system/ready")
                .putHeader("X-Forwarded-For", "203.0.113.9")
                .send()
                .await();
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.bodyAsJsonObject().getJsonArray("checks")).isNotEmpty();
        assertThat(anonymous.bodyAsString()).doesNotContain("details", data.toString());

        HttpResponse<Buffer> owner = cial.get("/system/ready");
        assertThat(owner.bodyAsString()).contains("details");
    }

    @Test
    void servesTheContractAsJsonAndYaml() {
        JsonObject json = cial.get("/openapi.json").bodyAsJsonObject();
        assertThat(json.getString("openapi")).isEqualTo("3.1.0");
        assertThat(json.getJsonObject("paths").fieldNames()).contains("/sessions", "/sessions/{sessionId}/turns");
        assertThat(json.getJsonObject("paths").fieldNames()).noneMatch(p -> p.startsWith("/self"));

        HttpResponse<Buffer> yaml = cial.get("/openapi.yaml");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.bodyAsString()).startsWith("openapi: 3.1.0");
    }

    @Test
    void requestsOverTheServersLimitsAnswerInTheErrorShape() {
        HttpResponse<Buffer> longUri = cial.http
                .get(cial.instance.port(), "127.0.0.1", "/.cial/api/v1/search?q=" + "a".repeat(9000))
                .send()
                .await();
        assertThat(longUri.statusCode()).isEqualTo(414);
        assertThat(longUri.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(longUri.bodyAsJsonObject().getString("code")).isEqualTo("uri_too_long");
        assertThat(longUri.bodyAsJsonObject().getString("error")).contains("request line");

        HttpResponse<Buffer> bigHeaders = cial.http
                .get(cial.instance.port(), "127.0.0.1", "/.cial/api/v1/system/health")
                .putHeader("X-Big", "b".repeat(20_000))
                .send()
                .await();
        assertThat(bigHeaders.statusCode()).isEqualTo(431);
        assertThat(bigHeaders.bodyAsJsonObject().getString("code")).isEqualTo("headers_too_large");
    }

    @Test
    void unknownPathsAnswer404InTheErrorShape() {
        for (String path : new String[] {"/.cial/api/v1/nope", "/.cial/api/nothing", "/elsewhere"}) {
            HttpResponse<Buffer> response = cial.http
                    .get(cial.instance.port(), "127.0.0.1", path)
                    .send()
                    .await();
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("route_not_found");
            assertThat(response.bodyAsJsonObject().getString("error")).contains(path);
        }
    }

    @Test
    void invalidBodyAnswers400NamingTheField() {
        HttpResponse<Buffer> response = cial.post("/sessions", new JsonObject().put("name", 42));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        JsonObject error = response.bodyAsJsonObject();
        assertThat(error.getString("code")).isEqualTo("validation_failed");
        assertThat(error.getString("error")).contains("'name'");
    }

    @Test
    void unknownPropertyAndBrokenJsonAnswer400() {
        HttpResponse<Buffer> unknown = cial.post("/sessions", new JsonObject().put("colour", "red"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.bodyAsJsonObject().getString("error")).contains("colour");

        HttpResponse<Buffer> broken = cial.request(HttpMethod.POST, "/sessions")
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{not json"))
                .await();
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.bodyAsJsonObject().getString("code")).isEqualTo("validation_failed");
    }

    @Test
    void invalidPathParameterAnswers400() {
        HttpResponse<Buffer> response = cial.get("/sessions/bad%20id!");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error")).contains("sessionId");
    }

    @Test
    void oversizedBodyAnswers413() {
        String huge = "x".repeat((int) GatewayConfig.DEFAULT_MAX_BODY_BYTES + 10);
        HttpResponse<Buffer> response = cial.post("/sessions", new JsonObject().put("name", huge));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("too_large");
    }

    @Test
    void proxiedCallerWithoutTokenIsRefused() {
        for (String header : new String[] {"X-Forwarded-For", "Forwarded", "X-Real-IP"}) {
            HttpResponse<Buffer> response = cial.request(HttpMethod.GET, "/sessions")
                    .putHeader(header, "for=198.51.100.7")
                    .send()
                    .await();
            assertThat(response.statusCode()).as(header).isEqualTo(401);
            assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("unauthenticated");
        }
    }

    @Test
    void wrongOrExpiredTokensAreRefusedEvenOnLoopback() {
        for (String token : new String[] {"not-the-token", "cial_at_revokedOrUnknown"}) {
            HttpResponse<Buffer> response = cial.request(HttpMethod.GET, "/sessions")
                    .bearerTokenAuthentication(token)
                    .send()
                    .await();
            assertThat(response.statusCode()).as(token).isEqualTo(401);
        }
    }

    @Test
    void ownerTokenIsKeptOwnerOnlyAndAccepted() throws Exception {
        Path file = cial.instance.tokenFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file).trim()).isEqualTo(cial.instance.ownerToken());

        HttpResponse<Buffer> response = cial.request(HttpMethod.GET, "/sessions")
                .putHeader("X-Forwarded-For", "198.51.100.7")
                .bearerTokenAuthentication(cial.instance.ownerToken())
                .send()
                .await();
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void servesTheCurrentUiVersionAndSwitchesWithItsPointer() throws Exception {
        Path ui = data.resolve("selfedit").resolve("ui");
        Files.createDirectories(ui.resolve("v1"));
        Files.createDirectories(ui.resolve("v2"));
        Files.writeString(ui.resolve("v1").resolve("index.html"), "<html>one</html>");
        Files.writeString(ui.resolve("v2").resolve("index.html"), "<html>two</html>");
        Files.deleteIfExists(ui.resolve("current"));
        Files.createSymbolicLink(ui.resolve("current"), Path.of("v1"));

        HttpResponse<Buffer> first =
                cial.http.get(cial.instance.port(), "127.0.0.1", "/").send().await();
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.bodyAsString()).isEqualTo("<html>one</html>");

        Path next = ui.resolve("current.tmp");
        Files.createSymbolicLink(next, Path.of("v2"));
        Files.move(next, ui.resolve("current"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        HttpResponse<Buffer> second = cial.http
                .get(cial.instance.port(), "127.0.0.1", "/index.html")
                .send()
                .await();
        assertThat(second.bodyAsString()).isEqualTo("<html>two</html>");

        HttpResponse<Buffer> escape = cial.http
                .get(cial.instance.port(), "127.0.0.1", "/../owner.token")
                .send()
                .await();
        assertThat(escape.statusCode()).isEqualTo(404);
        assertThat(escape.bodyAsString()).doesNotContain(cial.instance.ownerToken());
    }

    @Test
    void loopbackTrustNeedsALoopbackHostSoDnsRebindingGetsNothing() {
        HttpResponse<Buffer> rebound = cial.request(HttpMethod.GET, "/sessions")
                .putHeader("Host", "attacker.example:" + cial.instance.port())
                .send()
                .await();
        assertThat(rebound.statusCode()).isEqualTo(401);
        for (String host : new String[] {"localhost:" + cial.instance.port(), "127.0.0.1", "[::1]:80"}) {
            HttpResponse<Buffer> local = cial.request(HttpMethod.GET, "/sessions")
                    .putHeader("Host", host)
                    .send()
                    .await();
            assertThat(local.statusCode()).as(host).isEqualTo(200);
        }
        assertThatThrownBy(() -> cial.socket(Map.of(
                        "Host", "attacker.example:" + cial.instance.port(),
                        "Origin", "http://attacker.example:" + cial.instance.port())))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus())
                        .isEqualTo(401));
    }

    @Test
    void crossSiteStateChangesAreRefusedSameOriginOnesAllowed() {
        HttpResponse<Buffer> forged = cial.request(HttpMethod.POST, "/sessions")
                .putHeader("Origin", "http://evil.example")
                .sendJsonObject(new JsonObject())
                .await();
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.bodyAsJsonObject().getString("code")).isEqualTo("origin_not_allowed");

        HttpResponse<Buffer> opaque = cial.request(HttpMethod.POST, "/sessions")
                .putHeader("Origin", "null")
                .sendJsonObject(new JsonObject())
                .await();
        assertThat(opaque.statusCode()).isEqualTo(403);

        HttpResponse<Buffer> fetchMeta = cial.request(HttpMethod.POST, "/sessions")
                .putHeader("Sec-Fetch-Site", "cross-site")
                .sendJsonObject(new JsonObject())
                .await();
        assertThat(fetchMeta.statusCode()).isEqualTo(403);

        HttpResponse<Buffer> sameOrigin = cial.request(HttpMethod.POST, "/sessions")
                .putHeader("Origin", "http://127.0.0.1:" + cial.instance.port())
                .sendJsonObject(new JsonObject())
                .await();
        assertThat(sameOrigin.statusCode()).isEqualTo(201);
    }

    @Test
    void malformedPercentEncodingIs400NotAServerError() {
        HttpResponse<Buffer> response = cial.get("/sessions?limit=%zz");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("validation_failed");
    }

    @Test
    void webSocketUpgradeNeedsIdentityAndAnAllowedOrigin() {
        assertThatThrownBy(() -> cial.socket(Map.of("X-Forwarded-For", "198.51.100.7")))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus())
                        .isEqualTo(401));
        assertThatThrownBy(() -> cial.socket(Map.of("Origin", "https://evil.example")))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus())
                        .isEqualTo(403));

        WebSocket sameOrigin = cial.socket(Map.of("Origin", "http://127.0.0.1:" + cial.instance.port()));
        sameOrigin.close().await();
    }

    @Test
    void webSocketAnswersPingsAndRejectsBadFrames() {
        WebSocket ws = cial.socket(Map.of());
        Frames frames = new Frames(ws);

        ws.writeTextMessage(new JsonObject().put("type", "ping").put("id", "p1").encode());
        JsonObject pong = frames.next();
        assertThat(pong.getString("type")).isEqualTo("pong");
        assertThat(pong.getString("replyTo")).isEqualTo("p1");

        ws.writeTextMessage("{broken");
        assertThat(frames.next().getString("code")).isEqualTo("invalid_frame");

        ws.writeTextMessage(new JsonObject().put("type", "dance").put("id", 7).encode());
        JsonObject unknown = frames.next();
        assertThat(unknown.getString("type")).isEqualTo("error");
        assertThat(unknown.getString("message")).contains("'type'", "turn.start", "dance");
        assertThat(unknown.getString("replyTo")).isEqualTo("7");

        ws.writeTextMessage(new JsonObject().put("type", "sk-ant secret?!").encode());
        assertThat(frames.next().getString("message")).contains("'type'").doesNotContain("sk-ant secret");

        ws.writeTextMessage(
                new JsonObject().put("type", "subscribe").put("after", -1).encode());
        assertThat(frames.next().getString("code")).isEqualTo("invalid_frame");
        ws.close().await();
    }

    /** Collects a socket's text frames for the test thread. */
    static final class Frames {
        private final java.util.concurrent.BlockingQueue<JsonObject> queue =
                new java.util.concurrent.LinkedBlockingQueue<>();

        Frames(WebSocket ws) {
            ws.textMessageHandler(text -> queue.add(new JsonObject(text)));
        }

        JsonObject next() {
            try {
                JsonObject frame = queue.poll(20, TimeUnit.SECONDS);
                assertThat(frame).as("a frame within 20 s").isNotNull();
                return frame;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
