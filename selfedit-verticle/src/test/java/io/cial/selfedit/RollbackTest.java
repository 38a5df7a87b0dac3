package io.cial.selfedit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class RollbackTest {

    @TempDir
    Path root;

    @Test
    void rollbackMovesThePointerToThePreviousKnownGoodBuildAndRestarts(Vertx vertx) throws Exception {
        Harness first = new Harness(vertx, root).quick().supervised();
        FixtureTree.good(first.sourceDir);
        first.start();
        List<JsonObject> restarts = first.acceptRestarts();
        String good = first.post("/self/deploy", null).bodyAsJsonObject().getString("deployId");
        first.stop();
        Harness second = new Harness(vertx, root)
                .quick()
                .supervised()
                .env("CIAL_BUILD_ID", good)
                .start();
        awaitKnownGood(second, good);
        String newer = second.post("/self/deploy", null).bodyAsJsonObject().getString("deployId");
        Path current = second.dataDir.resolve("selfedit/builds/current");
        assertThat(current).content().isEqualToIgnoringNewLines(newer + "/cial.jar");

        HttpResponse<Buffer> response = second.post("/self/rollback", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("restarting");
        assertThat(body.getString("buildId")).isEqualTo(good);
        assertThat(body.getString("previousBuildId")).isEqualTo(newer);
        assertThat(current).content().isEqualToIgnoringNewLines(good + "/cial.jar");
        assertThat(restarts).last().satisfies(r -> assertThat(r.getString("reason"))
                .isEqualTo("rollback to " + good));
    }

    @Test
    void rollbackWithoutAnEarlierKnownGoodBuildIsAConflict(Vertx vertx) throws Exception {
        Harness harness = new Harness(vertx, root).quick();
        FixtureTree.good(harness.sourceDir);
        harness.start();
        harness.post("/self/deploy", null);

        HttpResponse<Buffer> response = harness.post("/self/rollback", null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(ErrorCode.CONFLICT.code());
        assertThat(response.bodyAsJsonObject().getString("error")).contains("no earlier known-good build");
    }

    @Test
    void rollbackToANamedBuildWithoutSupervisorOnlyStagesIt(Vertx vertx) throws Exception {
        Harness harness = new Harness(vertx, root).quick();
        FixtureTree.good(harness.sourceDir);
        harness.start();
        String older = harness.post("/self/deploy", null).bodyAsJsonObject().getString("deployId");
        harness.post("/self/deploy", null);

        HttpResponse<Buffer> response = harness.post("/self/rollback", new JsonObject().put("buildId", older));
        HttpResponse<Buffer> unknown =
                harness.post("/self/rollback", new JsonObject().put("buildId", "20200101-000000000-abcd"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("staged");
        assertThat(harness.dataDir.resolve("selfedit/builds/current"))
                .content()
                .isEqualToIgnoringNewLines(older + "/cial.jar");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void restartWithoutASupervisorIsRefusedAndWithOneIsAccepted(Vertx vertx) {
        Harness unsupervised = new Harness(vertx, root).quick().start();
        HttpResponse<Buffer> refused = unsupervised.post("/self/restart", null);
        unsupervised.stop();
        Harness supervised = new Harness(vertx, root).quick().supervised().start();
        List<JsonObject> restarts = supervised.acceptRestarts();

        HttpResponse<Buffer> accepted = supervised.post("/self/restart", null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.bodyAsJsonObject().getString("error")).contains("no supervisor");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.bodyAsJsonObject().getString("status")).isEqualTo("restarting");
        assertThat(restarts).hasSize(1);
    }

    private static void awaitKnownGood(Harness harness, String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (id.equals(harness.get("/self/builds").bodyAsJsonObject().getString("knownGood"))) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat(harness.get("/self/builds").bodyAsJsonObject().getString("knownGood"))
                .isEqualTo(id);
    }
}
