package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-edit and recovery exist only on the loopback listener: on the public listener no header trick reaches them,
 * while the loopback listener answers them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopbackGuardTest {

    private static final List<String> SELF_PATHS = List.of(
            "/self/deploy",
            "/self/deploys",
            "/self/restart",
            "/self/builds",
            "/self/rollback",
            "/self/commit",
            "/self/recovery",
            "/self/ui/builds");

    private static final List<Map<String, String>> TRICKS = List.of(
            Map.of(),
            Map.of("X-Forwarded-For", "127.0.0.1"),
            Map.of("Forwarded", "for=127.0.0.1;host=localhost"),
            Map.of("Host", "localhost"),
            Map.of("Host", "127.0.0.1:" + 4000, "X-Real-IP", "::1"));

    @TempDir
    static Path data;

    static TestInstance cial;
    static int selfPort;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            selfPort = free.getLocalPort();
        }
        InstanceSettings base = TestInstance.settings(data, Map.of());
        InstanceSettings settings = new InstanceSettings(
                "::", 0, selfPort, base.dataDir(), null, base.sourceDir(), base.env(), List.of(), true);
        cial = new TestInstance(Instance.start(settings).await(), io.vertx.core.Vertx.vertx());
    }

    @AfterAll
    static void stop() {
        cial.close();
    }

    @Test
    void publicListenerHasNoRouteToSelfEditWhateverTheHeaders() {
        for (String path : SELF_PATHS) {
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
                for (Map<String, String> headers : TRICKS) {
                    var request = cial.http.request(method, cial.instance.port(), "127.0.0.1", "/.cial/api/v1" + path);
                    headers.forEach(request::putHeader);
                    HttpResponse<Buffer> response =
                            request.sendJsonObject(new JsonObject()).await();
                    assertThat(response.statusCode())
                            .as("%s %s with %s", method, path, headers)
                            .isIn(401, 404);
                    assertThat(response.bodyAsJsonObject().getString("code"))
                            .isIn("route_not_found", "unauthenticated");
                }
            }
        }
    }

    @Test
    void ipv4MappedLoopbackReachesNothingOfSelfEditEither() throws Exception {
        URI uri = URI.create("http://[::ffff:127.0.0.1]:" + cial.instance.port() + "/.cial/api/v1/self/restart");
        java.net.http.HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .header("Content-Type", "application/json")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        // Either way nothing of self-edit answers: the route does not exist here, and the Host is no loopback name.
        assertThat(response.statusCode()).isIn(401, 404);
        assertThat(new JsonObject(response.body()).getString("code")).isIn("route_not_found", "unauthenticated");
    }

    @Test
    void loopbackListenerServesSelfEditOnALoopbackAddressOnly() {
        HttpResponse<Buffer> builds = cial.http
                .get(selfPort, "127.0.0.1", "/.cial/api/v1/self/builds")
                .send()
                .await();
        assertThat(builds.statusCode()).isEqualTo(200);

        HttpResponse<Buffer> recovery = cial.http
                .get(selfPort, "127.0.0.1", "/.cial/api/v1/self/recovery")
                .send()
                .await();
        assertThat(recovery.statusCode()).isEqualTo(200);
        assertThat(recovery.getHeader("Content-Type")).startsWith("text/html");

        HttpResponse<Buffer> forwarded = cial.http
                .get(selfPort, "127.0.0.1", "/.cial/api/v1/self/builds")
                .putHeader("X-Forwarded-For", "203.0.113.5")
                .send()
                .await();
        assertThat(forwarded.statusCode()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void publicContractHasNoSelfEditOperation() {
        JsonObject paths = cial.get("/openapi.json").bodyAsJsonObject().getJsonObject("paths");
        assertThat(paths.fieldNames()).noneMatch(p -> p.startsWith("/self"));
    }
}
