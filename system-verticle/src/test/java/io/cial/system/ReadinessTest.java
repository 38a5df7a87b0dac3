package io.cial.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AreaClient;
import io.cial.protocol.InstanceConfig;
import io.cial.protocol.Principal;
import io.cial.system.api.SystemOperations;
import io.cial.system.impl.SystemConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ReadinessTest {

    private static final String NOTES = "test.notes";
    private static final String PLAIN = "test.plain";

    @TempDir
    Path dataDir;

    @Test
    void readyWhenEveryAreaAndItsDatabaseAnswer(Vertx vertx) {
        Pool pool = sqlite(vertx, dataDir.resolve("notes.db"));
        vertx.deployVerticle(new FakeArea(NOTES, () -> selectOne(pool))).await();
        vertx.deployVerticle(new FakeArea(PLAIN, null)).await();
        deploySystem(vertx, areas("notes", NOTES, "plain", PLAIN, "system", Addresses.SYSTEM), 2_000);

        ApiResponse response = readiness(vertx);

        assertThat(response.status()).isEqualTo(200);
        JsonObject body = (JsonObject) response.body();
        assertThat(body.getString("status")).isEqualTo("UP");
        Map<String, JsonObject> checks = byName(body);
        assertThat(checks).containsOnlyKeys("notes", "plain", "system", "dataDir");
        assertThat(checks.values()).allMatch(check -> "UP".equals(check.getString("status")));
        assertThat(checks.get("notes").getJsonObject("details").getInteger("tables"))
                .isEqualTo(1);
        assertThat(checks.get("dataDir").getJsonObject("details").getString("path"))
                .isEqualTo(dataDir.toString());
    }

    @Test
    void notReadyWhenAnAreaVerticleIsUndeployed(Vertx vertx) {
        String notes = vertx.deployVerticle(new FakeArea(NOTES, null)).await();
        vertx.deployVerticle(new FakeArea(PLAIN, null)).await();
        deploySystem(vertx, areas("notes", NOTES, "plain", PLAIN), 2_000);
        assertThat(readiness(vertx).status()).isEqualTo(200);

        vertx.undeploy(notes).await();
        ApiResponse response = readiness(vertx);

        assertThat(response.status()).isEqualTo(503);
        Map<String, JsonObject> checks = byName((JsonObject) response.body());
        assertThat(checks.get("notes").getString("status")).isEqualTo("DOWN");
        assertThat(checks.get("notes").getJsonObject("details").getString("error"))
                .contains("no verticle serves " + NOTES);
        assertThat(checks.get("plain").getString("status")).isEqualTo("UP");
    }

    @Test
    void notReadyWhenAnAreaDatabaseIsUnreadable(Vertx vertx) throws Exception {
        Path db = dataDir.resolve("notes.db");
        AtomicReference<Pool> pool = new AtomicReference<>(sqlite(vertx, db));
        vertx.deployVerticle(new FakeArea(NOTES, () -> selectOne(pool.get()))).await();
        deploySystem(vertx, areas("notes", NOTES), 2_000);
        assertThat(readiness(vertx).status()).isEqualTo(200);

        pool.get().close().await();
        Files.write(db, "no longer a database, only garbage bytes ".repeat(200).getBytes());
        Files.deleteIfExists(Path.of(db + "-wal"));
        Files.deleteIfExists(Path.of(db + "-shm"));
        pool.set(JDBCPool.pool(vertx, options(db), new PoolOptions().setMaxSize(2)));
        ApiResponse response = readiness(vertx);

        assertThat(response.status()).isEqualTo(503);
        JsonObject check = byName((JsonObject) response.body()).get("notes");
        assertThat(check.getString("status")).isEqualTo("DOWN");
        assertThat(check.getJsonObject("details").getString("error"))
                .contains("storage check failed")
                .containsIgnoringCase("not a database");
    }

    @Test
    void aCheckThatDoesNotAnswerInTimeIsDown(Vertx vertx) {
        Promise<JsonObject> never = Promise.promise();
        vertx.deployVerticle(new FakeArea(NOTES, never::future)).await();
        deploySystem(vertx, areas("notes", NOTES), 300);

        ApiResponse response = readiness(vertx);

        assertThat(response.status()).isEqualTo(503);
        JsonObject check = byName((JsonObject) response.body()).get("notes");
        assertThat(check.getString("status")).isEqualTo("DOWN");
        assertThat(check.getJsonObject("details").getString("error")).contains("within 300 ms");
    }

    @Test
    void refusesToStartWithoutTheAreasList(Vertx vertx) {
        JsonObject config = new JsonObject().put(InstanceConfig.DATA_DIR, dataDir.toString());

        assertThatThrownBy(() -> vertx.deployVerticle(new SystemVerticle(), new DeploymentOptions().setConfig(config))
                        .await())
                .hasMessageContaining("'areas' must be a JSON array");
    }

    private void deploySystem(Vertx vertx, JsonArray areas, long timeoutMs) {
        JsonObject config = new JsonObject()
                .put(InstanceConfig.DATA_DIR, dataDir.toString())
                .put(InstanceConfig.AREAS, areas)
                .put(SystemConfig.READINESS_TIMEOUT_MS, timeoutMs);
        vertx.deployVerticle(new SystemVerticle(), new DeploymentOptions().setConfig(config))
                .await();
    }

    private static ApiResponse readiness(Vertx vertx) {
        return new AreaClient(vertx, Addresses.SYSTEM, Principal.owner(Principal.Kind.OWNER))
                .call(SystemOperations.READINESS)
                .await();
    }

    private static JsonArray areas(String... nameAddressPairs) {
        JsonArray areas = new JsonArray();
        for (int i = 0; i < nameAddressPairs.length; i += 2) {
            areas.add(new JsonObject().put("name", nameAddressPairs[i]).put("address", nameAddressPairs[i + 1]));
        }
        return areas;
    }

    private static Map<String, JsonObject> byName(JsonObject readiness) {
        return readiness.getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(check -> check.getString("name"), check -> check));
    }

    private static Pool sqlite(Vertx vertx, Path file) {
        Pool pool = JDBCPool.pool(vertx, options(file), new PoolOptions().setMaxSize(2));
        pool.query("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY)")
                .execute()
                .await();
        return pool;
    }

    private static JDBCConnectOptions options(Path file) {
        return new JDBCConnectOptions().setJdbcUrl("jdbc:sqlite:" + file + "?journal_mode=WAL&busy_timeout=5000");
    }

    private static Future<JsonObject> selectOne(Pool pool) {
        return pool.query("SELECT count(*) AS n FROM sqlite_master").execute().map(rows -> new JsonObject()
                .put("status", "UP")
                .put("tables", rows.iterator().next().getInteger("n")));
    }
}
