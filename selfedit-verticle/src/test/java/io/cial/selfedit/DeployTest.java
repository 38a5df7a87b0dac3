package io.cial.selfedit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ErrorCode;
import io.cial.protocol.Frames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
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
class DeployTest {

    private static final String ID_PATTERN = "[0-9]{8}-[0-9]{9}-[0-9a-f]{4}";

    @TempDir
    Path root;

    @Test
    void aTreeThatBuildsIsStagedAndItsLogStreamedAsFrames(Vertx vertx) throws Exception {
        Harness harness = new Harness(vertx, root);
        FixtureTree.good(harness.sourceDir);
        harness.start();
        List<JsonObject> frames = harness.ownerFrames();

        HttpResponse<Buffer> response = harness.post("/self/deploy", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject deploy = response.bodyAsJsonObject();
        String id = deploy.getString("deployId");
        assertThat(id).matches(ID_PATTERN);
        assertThat(deploy.getBoolean("ok")).isTrue();
        assertThat(deploy.getString("status")).isEqualTo("built");
        assertThat(deploy.getInteger("exitCode")).isZero();
        assertThat(deploy.getString("errorSummary")).isEmpty();
        assertThat(deploy.getString("logTail")).contains("building the fixture", "fixture built");
        assertThat(deploy.getString("buildId")).isEqualTo(id);
        assertThat(deploy.getString("uiVersion")).isEqualTo(id);
        assertThat(Path.of(deploy.getString("logPath")))
                .isEqualTo(harness.dataDir.resolve("selfedit/deploys/" + id + ".log"))
                .content()
                .contains("fixture built");
        Path builds = harness.dataDir.resolve("selfedit/builds");
        assertThat(builds.resolve("current")).content().isEqualToIgnoringNewLines(id + "/cial.jar");
        assertThat(builds.resolve(id + "/cial.jar")).isRegularFile();
        awaitDone(frames);
        assertThat(frames)
                .anySatisfy(frame -> assertThat(frame.getString("type")).isEqualTo(Frames.DEPLOY_LOG))
                .filteredOn(frame -> Frames.DEPLOY_LOG.equals(frame.getString("type")))
                .allSatisfy(frame -> assertThat(frame.getString("deployId")).isEqualTo(id))
                .extracting(frame -> frame.getString("line"))
                .contains("building the fixture", "fixture built");
        JsonObject done = frames.get(frames.size() - 1);
        assertThat(done.getString("type")).isEqualTo(Frames.DEPLOY_DONE);
        assertThat(done.getBoolean("ok")).isTrue();
        assertThat(done.getString("status")).isEqualTo("built");
    }

    @Test
    void aTreeThatDoesNotCompileAnswers500WithTheCompilerErrors(Vertx vertx) throws Exception {
        Harness harness = new Harness(vertx, root);
        FixtureTree.broken(harness.sourceDir);
        harness.start();
        List<JsonObject> frames = harness.ownerFrames();

        HttpResponse<Buffer> response = harness.post("/self/deploy", null);

        assertThat(response.statusCode()).isEqualTo(500);
        JsonObject deploy = response.bodyAsJsonObject();
        assertThat(deploy.getBoolean("ok")).isFalse();
        assertThat(deploy.getString("status")).isEqualTo("failed");
        assertThat(deploy.getInteger("exitCode")).isNotZero();
        assertThat(deploy.getString("errorSummary")).contains("Broken.java:2: error:", "';' expected");
        assertThat(deploy.getString("errorSummary").lines()).hasSizeLessThanOrEqualTo(20);
        assertThat(deploy.getString("logTail")).contains("Broken.java");
        assertThat(deploy.getValue("buildId")).isNull();
        assertThat(harness.dataDir.resolve("selfedit/builds/current")).doesNotExist();
        awaitDone(frames);
        JsonObject done = frames.get(frames.size() - 1);
        assertThat(done.getBoolean("ok")).isFalse();
        assertThat(done.getString("status")).isEqualTo("failed");
        assertThat(done.getString("errorSummary")).contains("Broken.java");
    }

    @Test
    void concurrentDeploysShareOneBuild(Vertx vertx) throws Exception {
        Harness harness = new Harness(vertx, root).quick();
        FixtureTree.good(harness.sourceDir);
        harness.start();

        Future<HttpResponse<Buffer>> first = harness.request(io.vertx.core.http.HttpMethod.POST, "/self/deploy")
                .send();
        Future<HttpResponse<Buffer>> second = harness.request(io.vertx.core.http.HttpMethod.POST, "/self/deploy")
                .send();
        Future.all(first, second).await();

        JsonObject a = first.result().bodyAsJsonObject();
        JsonObject b = second.result().bodyAsJsonObject();
        assertThat(a.getString("deployId")).isEqualTo(b.getString("deployId"));
        assertThat(List.of(a.getBoolean("coalesced"), b.getBoolean("coalesced")))
                .containsExactlyInAnyOrder(true, false);
        assertThat(FixtureTree.buildCount(harness.sourceDir)).isEqualTo(1);
        JsonArray history = harness.get("/self/deploys").bodyAsJsonObject().getJsonArray("deploys");
        assertThat(history).hasSize(1);
    }

    @Test
    void underASupervisorADeployAsksTheInstanceToRestartIntoTheBuild(Vertx vertx) throws Exception {
        Harness harness = new Harness(vertx, root).quick().supervised();
        FixtureTree.good(harness.sourceDir);
        harness.start();
        List<JsonObject> restarts = harness.acceptRestarts();

        HttpResponse<Buffer> response = harness.post("/self/deploy", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject deploy = response.bodyAsJsonObject();
        assertThat(deploy.getString("status")).isEqualTo("restarting");
        assertThat(restarts).singleElement().satisfies(request -> {
            assertThat(request.getString("reason")).isEqualTo("deploy " + deploy.getString("deployId"));
            assertThat(request.getString("requestedBy")).isEqualTo("owner");
        });
    }

    @Test
    void aRestartNobodyPerformsAnswers500RestartFailed(Vertx vertx) throws Exception {
        Harness harness = new Harness(vertx, root).quick().supervised();
        FixtureTree.good(harness.sourceDir);
        harness.start();

        HttpResponse<Buffer> response = harness.post("/self/deploy", null);

        assertThat(response.statusCode()).isEqualTo(500);
        JsonObject deploy = response.bodyAsJsonObject();
        assertThat(deploy.getBoolean("ok")).isFalse();
        assertThat(deploy.getString("status")).isEqualTo("restart_failed");
        assertThat(deploy.getString("errorSummary")).contains("nothing answers instance.restart");
        assertThat(harness.get("/self/deploys/" + deploy.getString("deployId"))
                        .bodyAsJsonObject()
                        .getString("status"))
                .isEqualTo("restart_failed");
    }

    @Test
    void theNextProcessConfirmsTheBuildItBootedFrom(Vertx vertx) throws Exception {
        Harness harness = new Harness(vertx, root).quick().supervised();
        FixtureTree.good(harness.sourceDir);
        harness.start();
        harness.acceptRestarts();
        String id = harness.post("/self/deploy", null).bodyAsJsonObject().getString("deployId");
        harness.stop();

        Harness restarted = new Harness(vertx, root)
                .quick()
                .supervised()
                .env("CIAL_BUILD_ID", id)
                .start();
        JsonObject deploy = awaitStatus(restarted, id, "live");

        assertThat(deploy.getString("errorSummary")).isEmpty();
        JsonObject builds = restarted.get("/self/builds").bodyAsJsonObject();
        assertThat(builds.getString("knownGood")).isEqualTo(id);
        assertThat(builds.getString("running")).isEqualTo(id);
        assertThat(restarted.dataDir.resolve("selfedit/builds/known-good"))
                .content()
                .isEqualToIgnoringNewLines(id + "/cial.jar");
    }

    @Test
    void aRestartThatCameBackOnAnotherBuildIsNotBooted(Vertx vertx) throws Exception {
        Harness harness = new Harness(vertx, root).quick().supervised();
        FixtureTree.good(harness.sourceDir);
        harness.start();
        harness.acceptRestarts();
        String id = harness.post("/self/deploy", null).bodyAsJsonObject().getString("deployId");
        harness.stop();

        Harness restarted = new Harness(vertx, root).quick().supervised().start();
        JsonObject deploy = awaitStatus(restarted, id, "not_booted");

        assertThat(deploy.getBoolean("ok")).isTrue();
        assertThat(deploy.getString("errorSummary")).contains("without a supervisor-started build");
    }

    @Test
    void historyListsNewestFirstAndAnUnknownDeployIsNotFound(Vertx vertx) throws Exception {
        Harness harness = new Harness(vertx, root);
        FixtureTree.good(harness.sourceDir);
        harness.start();
        String good = harness.post("/self/deploy", null).bodyAsJsonObject().getString("deployId");
        FixtureTree.broken(harness.sourceDir);
        String bad = harness.post("/self/deploy", null).bodyAsJsonObject().getString("deployId");

        JsonArray history =
                harness.get("/self/deploys?limit=10").bodyAsJsonObject().getJsonArray("deploys");
        HttpResponse<Buffer> missing = harness.get("/self/deploys/20200101-000000000-abcd");

        assertThat(history.stream().map(d -> ((JsonObject) d).getString("deployId")))
                .containsExactly(bad, good);
        assertThat(history.getJsonObject(0).getString("status")).isEqualTo("failed");
        assertThat(harness.get("/self/deploys/" + good).bodyAsJsonObject().getString("logTail"))
                .contains("fixture built");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.bodyAsJsonObject().getString("code")).isEqualTo(ErrorCode.NOT_FOUND.code());
    }

    @Test
    void aMissingSourceTreeFailsTheDeployAndSaysWhy(Vertx vertx) {
        Harness harness = new Harness(vertx, root).start();

        HttpResponse<Buffer> response = harness.post("/self/deploy", null);

        assertThat(response.statusCode()).isEqualTo(500);
        JsonObject deploy = response.bodyAsJsonObject();
        assertThat(deploy.getString("status")).isEqualTo("failed");
        assertThat(deploy.getInteger("exitCode")).isEqualTo(-1);
        assertThat(deploy.getString("errorSummary")).contains("cannot start the build command");
    }

    private static void awaitDone(List<JsonObject> frames) throws InterruptedException {
        for (int i = 0; i < 100 && frames.stream().noneMatch(DeployTest::isDone); i++) {
            Thread.sleep(20);
        }
        assertThat(frames).anySatisfy(frame -> assertThat(isDone(frame)).isTrue());
    }

    private static boolean isDone(JsonObject frame) {
        return Frames.DEPLOY_DONE.equals(frame.getString("type"));
    }

    private static JsonObject awaitStatus(Harness harness, String id, String status) throws InterruptedException {
        JsonObject deploy = harness.get("/self/deploys/" + id).bodyAsJsonObject();
        for (int i = 0; i < 100 && !status.equals(deploy.getString("status")); i++) {
            Thread.sleep(20);
            deploy = harness.get("/self/deploys/" + id).bodyAsJsonObject();
        }
        assertThat(deploy.getString("status")).isEqualTo(status);
        return deploy;
    }
}
