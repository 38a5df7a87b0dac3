package io.cial.selfedit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cial.protocol.ErrorCode;
import io.cial.protocol.InstanceConfig;
import io.cial.selfedit.impl.SelfEditConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class LoopbackListenerTest {

    @TempDir
    Path root;

    @Test
    void servesTheLoopbackContractOnALoopbackAddress(Vertx vertx) {
        Harness harness = new Harness(vertx, root).start();

        HttpResponse<Buffer> builds = harness.get("/self/builds");

        assertThat(harness.port()).isPositive();
        assertThat(builds.statusCode()).isEqualTo(200);
        assertThat(builds.bodyAsJsonObject().getJsonArray("builds")).isEmpty();
    }

    @ParameterizedTest(name = "refuses {0}: {1}")
    @CsvSource({
        "X-Forwarded-For, 127.0.0.1",
        "Forwarded, for=127.0.0.1",
        "X-Real-IP, 127.0.0.1",
        "Host, evil.example",
        "Host, 192.168.1.10:4000",
        "Origin, http://evil.example",
        "Origin, http://localhost:8080",
        "Sec-Fetch-Site, cross-site"
    })
    void refusesWhatWasNotSentDirectlyFromThisMachine(String header, String value, Vertx vertx) {
        Harness harness = new Harness(vertx, root).start();

        HttpResponse<Buffer> response = harness.request(HttpMethod.POST, "/self/restart")
                .putHeader(header, value)
                .send()
                .await();

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(ErrorCode.FORBIDDEN.code());
    }

    @Test
    void acceptsItsOwnOriginAndLoopbackHostNames(Vertx vertx) {
        Harness harness = new Harness(vertx, root).start();

        for (String host : new String[] {"127.0.0.1", "localhost", "[::1]"}) {
            HttpResponse<Buffer> response = harness.request(HttpMethod.GET, "/self/ui/builds")
                    .putHeader("Host", host + ":" + harness.port())
                    .putHeader("Origin", "http://" + host + ":" + harness.port())
                    .send()
                    .await();
            assertThat(response.statusCode()).as(host).isEqualTo(200);
        }
    }

    @Test
    void answersUnknownRoutesAndInvalidBodiesWithJsonErrors(Vertx vertx) {
        Harness harness = new Harness(vertx, root).start();

        HttpResponse<Buffer> missing = harness.get("/self/nothing-here");
        HttpResponse<Buffer> invalid = harness.post("/self/commit", new JsonObject().put("message", 42));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.bodyAsJsonObject().getString("code")).isEqualTo(ErrorCode.ROUTE_NOT_FOUND.code());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.bodyAsJsonObject().getString("code")).isEqualTo(ErrorCode.VALIDATION_FAILED.code());
    }

    @ParameterizedTest(name = "refuses to bind {0}")
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "cial.example"})
    void refusesToStartOnANonLoopbackHost(String host, Vertx vertx) {
        JsonObject config = new JsonObject()
                .put(InstanceConfig.DATA_DIR, root.toString())
                .put(InstanceConfig.SELF_PORT, 0)
                .put(SelfEditConfig.HOST, host);

        assertThatThrownBy(() -> vertx.deployVerticle(new SelfEditVerticle(), new DeploymentOptions().setConfig(config))
                        .await())
                .hasMessageContaining("must be a loopback address");
    }

    @ParameterizedTest(name = "binds {0}")
    @ValueSource(strings = {"127.0.0.1", "localhost"})
    void bindsTheConfiguredLoopbackHost(String host, Vertx vertx) {
        JsonObject config = new JsonObject()
                .put(InstanceConfig.DATA_DIR, root.toString())
                .put(InstanceConfig.SELF_PORT, 0)
                .put(SelfEditConfig.HOST, host);
        SelfEditVerticle verticle = new SelfEditVerticle();

        vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))
                .await();

        assertThat(SelfEditConfig.from(config).host()).isEqualTo("127.0.0.1");
        int status = vertx.createHttpClient()
                .request(HttpMethod.GET, verticle.port(), "127.0.0.1", Harness.BASE + "/self/builds")
                .compose(request -> request.send())
                .await()
                .statusCode();
        assertThat(status).isEqualTo(200);
    }
}
