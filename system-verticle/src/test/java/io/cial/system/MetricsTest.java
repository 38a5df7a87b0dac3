package io.cial.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AreaClient;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.InstanceConfig;
import io.cial.protocol.Principal;
import io.cial.system.api.SystemOperations;
import io.cial.system.impl.PrometheusScrape;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MetricsTest {

    @TempDir
    Path dataDir;

    @Test
    void metricsReportCpuMemoryHeapAndTheDataVolume(Vertx vertx) {
        deploySystem(vertx);

        JsonObject metrics = (JsonObject)
                client(vertx).call(SystemOperations.METRICS).await().body();

        JsonObject cpu = metrics.getJsonObject("cpu");
        assertThat(cpu.getInteger("cores")).isPositive();
        assertThat(cpu.getDouble("systemLoad")).isBetween(0.0, 1.0);
        assertThat(cpu.getJsonArray("loadAverage")).hasSize(3);
        JsonObject memory = metrics.getJsonObject("memory");
        assertThat(memory.getLong("totalBytes")).isPositive().isGreaterThanOrEqualTo(memory.getLong("availableBytes"));
        assertThat(memory.getLong("usedBytes"))
                .isEqualTo(memory.getLong("totalBytes") - memory.getLong("availableBytes"));
        JsonObject jvm = metrics.getJsonObject("jvm");
        assertThat(jvm.getLong("heapUsedBytes")).isPositive().isLessThanOrEqualTo(jvm.getLong("heapCommittedBytes"));
        JsonObject disk = metrics.getJsonObject("disk");
        assertThat(disk.getString("path")).isEqualTo(dataDir.toString());
        assertThat(disk.getLong("totalBytes")).isPositive().isGreaterThanOrEqualTo(disk.getLong("freeBytes"));
        assertThat(disk.getLong("usedBytes")).isBetween(0L, disk.getLong("totalBytes"));
    }

    @Test
    void aSampleIsServedAgainWithinTheCacheWindow(Vertx vertx) {
        deploySystem(vertx);

        JsonObject first = (JsonObject)
                client(vertx).call(SystemOperations.METRICS).await().body();
        JsonObject second = (JsonObject)
                client(vertx).call(SystemOperations.METRICS).await().body();

        assertThat(second.getString("sampledAt")).isEqualTo(first.getString("sampledAt"));
    }

    @Test
    void prometheusScrapeCarriesVertxHttpAndEventBusSeries() {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setMetricsOptions(new MicrometerMetricsOptions()
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                        .setJvmMetricsEnabled(true)
                        .setEnabled(true)));
        try {
            deploySystem(vertx);
            int port = vertx.createHttpServer()
                    .requestHandler(request -> request.response().end("hello"))
                    .listen(0, "127.0.0.1")
                    .await()
                    .actualPort();
            vertx.createHttpClient()
                    .request(HttpMethod.GET, port, "127.0.0.1", "/")
                    .compose(request -> request.send().compose(response -> response.body()))
                    .await();

            ApiResponse scrape = client(vertx).call(SystemOperations.PROMETHEUS).await();

            assertThat(scrape.headers().getString("Content-Type")).isEqualTo(PrometheusScrape.CONTENT_TYPE);
            assertThat((String) scrape.body())
                    .contains("vertx_http_server_requests_total")
                    .contains("vertx_eventbus_")
                    .contains("jvm_memory_used_bytes");
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void prometheusScrapeFailsClearlyWhenMetricsAreDisabled(Vertx vertx) {
        deploySystem(vertx);

        assertThatThrownBy(() -> client(vertx).call(SystemOperations.PROMETHEUS).await())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_IMPLEMENTED))
                .hasMessageContaining("not enabled");
    }

    private void deploySystem(Vertx vertx) {
        JsonObject config = new JsonObject()
                .put(InstanceConfig.DATA_DIR, dataDir.toString())
                .put(InstanceConfig.AREAS, new JsonArray());
        vertx.deployVerticle(new SystemVerticle(), new DeploymentOptions().setConfig(config))
                .await();
    }

    private static AreaClient client(Vertx vertx) {
        return new AreaClient(vertx, Addresses.SYSTEM, Principal.owner(Principal.Kind.OWNER));
    }
}
