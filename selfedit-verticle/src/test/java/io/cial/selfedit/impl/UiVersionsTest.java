package io.cial.selfedit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.InstanceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class UiVersionsTest {

    @TempDir
    Path root;

    private UiVersions ui;
    private SelfEditConfig config;
    private Path dist;

    @BeforeEach
    void pool(Vertx vertx) throws Exception {
        config = SelfEditConfig.from(new JsonObject()
                .put(InstanceConfig.DATA_DIR, root.resolve("data").toString())
                .put(InstanceConfig.ENV, new JsonObject().put(SelfEditConfig.KEEP_BUILDS_ENV, "3")));
        Files.createDirectories(config.uiDir());
        dist = Files.createDirectories(root.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), "<!doctype html>");
        SelfEditStore store =
                SelfEditStore.open(vertx, config.dataDir().resolve("test.db")).await();
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("ui-test", 2);
        ui = new UiVersions(config, store, workers);
    }

    @Test
    void prunesOldVersionsButKeepsTheCurrentAndTheNewestKnownGood() {
        List<String> versions = List.of(
                "20260101-000000001-0001",
                "20260101-000000002-0002",
                "20260101-000000003-0003",
                "20260101-000000004-0004",
                "20260101-000000005-0005",
                "20260101-000000006-0006");
        install(versions.get(0));
        ui.report(versions.get(0), true, null).await();
        versions.subList(1, versions.size()).forEach(this::install);

        JsonObject list = ui.list().await();

        assertThat(list.getJsonArray("builds").stream().map(b -> ((JsonObject) b).getString("version")))
                .containsExactly(versions.get(5), versions.get(4), versions.get(3), versions.get(0));
        assertThat(list.getString("knownGood")).isEqualTo(versions.get(0));
        assertThat(list.getString("current")).isEqualTo(versions.get(5));
        assertThat(config.uiDir().resolve(versions.get(1))).doesNotExist();
        assertThat(config.uiDir().resolve(versions.get(0)).resolve("index.html"))
                .exists();
    }

    @Test
    void rollbackMovesTheLinkToTheKnownGoodVersionAtOnce() throws Exception {
        install("20260101-000000001-0001");
        ui.report("20260101-000000001-0001", true, null).await();
        install("20260101-000000002-0002");
        ui.report("20260101-000000002-0002", false, "blank screen").await();

        JsonObject after = ui.rollback(null).await();

        assertThat(after.getString("current")).isEqualTo("20260101-000000001-0001");
        assertThat(Files.readSymbolicLink(config.uiDir().resolve("current"))).hasToString("20260101-000000001-0001");
        assertThat(after.getJsonArray("builds").getJsonObject(0).getString("error"))
                .isEqualTo("blank screen");
    }

    private void install(String version) {
        ui.install(dist, version).await();
    }
}
