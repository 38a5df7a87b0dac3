package io.cial.selfedit.impl;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Frames;
import io.cial.selfedit.api.Deploy;
import io.cial.selfedit.api.DeployStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys: build the source tree, stage the artifact (and the built UI) as the current build, ask for the restart, and
 * keep the history. Single-flight: while one deploy runs, every other request joins it and gets its answer. All state
 * is touched on the verticle's event loop only.
 */
final class DeployService {

    private static final Logger LOG = LoggerFactory.getLogger(DeployService.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);
    private static final int DEFAULT_LIST_LIMIT = 50;

    private final Vertx vertx;
    private final SelfEditConfig config;
    private final SelfEditStore store;
    private final WorkerExecutor workers;
    private final BuildRunner runner;
    private final BuildPool builds;
    private final UiVersions ui;
    private final Restarter restarter;

    private Future<Deploy> running;

    DeployService(
            Vertx vertx, SelfEditConfig config, SelfEditStore store, WorkerExecutor workers, Restarter restarter) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.workers = workers;
        this.runner = new BuildRunner(vertx, workers, config);
        this.builds = new BuildPool(config, store, workers);
        this.ui = new UiVersions(config, store, workers);
        this.restarter = restarter;
    }

    BuildPool builds() {
        return builds;
    }

    UiVersions ui() {
        return ui;
    }

    /** Runs a deploy, or joins the one running; 200 or 500 with the {@code Deploy} body. */
    Future<ApiResponse> deploy(ApiRequest request) {
        if (config.sourceDir() == null) {
            return Future.failedFuture(ApiException.of(ErrorCode.CONFLICT, "no source tree is configured to build"));
        }
        boolean coalesced = running != null;
        if (!coalesced) {
            Future<Deploy> run = run(request.userId());
            running = run;
            run.onComplete(done -> running = null);
        }
        return running.compose(deploy -> answer(deploy, coalesced));
    }

    Future<ApiResponse> list(ApiRequest request) {
        int limit = (int) request.queryLong("limit", DEFAULT_LIST_LIMIT);
        return store.deploys(limit).map(deploys -> {
            JsonArray items = new JsonArray();
            deploys.forEach(deploy -> items.add(deploy.toJson("")));
            return ApiResponse.ok(new JsonObject().put("deploys", items));
        });
    }

    Future<ApiResponse> get(ApiRequest request) {
        String id = request.pathParam("deployId");
        return store.deploy(id)
                .compose(deploy -> deploy == null
                        ? Future.failedFuture(ApiException.notFound("no deploy %s", id))
                        : tail(deploy).map(tail -> ApiResponse.ok(deploy.toJson(tail))));
    }

    private Future<ApiResponse> answer(Deploy deploy, boolean coalesced) {
        return tail(deploy).map(tail -> {
            JsonObject body = deploy.toJson(tail).put("coalesced", coalesced);
            return new ApiResponse(deploy.ok() ? 200 : 500, body, null, null);
        });
    }

    private Future<String> tail(Deploy deploy) {
        return workers.executeBlocking(() -> BuildLog.tail(Path.of(deploy.logPath())), false);
    }

    private Future<Deploy> run(String userId) {
        String id = ID_TIME.format(Instant.now()) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        Path log = config.deploysDir().resolve(id + ".log");
        long start = System.nanoTime();
        Deploy started = new Deploy(
                id, DeployStatus.RUNNING, userId, Instant.now().toString(), 0, -1, "", log.toString(), null, null);
        LOG.info("[selfedit] deploy {} started", id);
        return store.insertDeploy(started)
                .compose(done -> runner.run(log, (stream, line) -> publishLine(userId, id, stream, line)))
                .compose(outcome -> outcome.ok() ? stage(started, outcome, start) : failed(started, outcome, start))
                .recover(failure -> failed(started, -1, failure, start))
                .compose(deploy -> store.updateDeploy(deploy).map(deploy))
                .compose(deploy -> restartInto(deploy))
                .onSuccess(deploy -> LOG.info(
                        "[selfedit] deploy {} ended {}", id, deploy.status().wire()));
    }

    private Future<Deploy> stage(Deploy started, BuildRunner.Outcome outcome, long start) {
        DeployStatus next = restarter.supervised() ? DeployStatus.RESTARTING : DeployStatus.BUILT;
        return builds.stage(started.deployId())
                .compose(build -> ui.installFromTree(started.deployId()))
                .map(uiVersion -> new Deploy(
                        started.deployId(),
                        next,
                        started.requestedBy(),
                        started.startedAt(),
                        elapsedMs(start),
                        outcome.exitCode(),
                        "",
                        started.logPath(),
                        started.deployId(),
                        uiVersion))
                .recover(failure -> failed(started, outcome.exitCode(), failure, start));
    }

    private Future<Deploy> failed(Deploy started, BuildRunner.Outcome outcome, long start) {
        return Future.succeededFuture(finished(started, outcome.exitCode(), outcome.errorSummary(), start));
    }

    private Future<Deploy> failed(Deploy started, int exitCode, Throwable failure, long start) {
        if (!(failure instanceof ApiException)) {
            LOG.error("[selfedit] deploy {} could not run", started.deployId(), failure);
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return Future.succeededFuture(finished(started, exitCode, "deploy failed: " + reason, start));
    }

    private static Deploy finished(Deploy started, int exitCode, String summary, long start) {
        return new Deploy(
                started.deployId(),
                DeployStatus.FAILED,
                started.requestedBy(),
                started.startedAt(),
                elapsedMs(start),
                exitCode,
                summary,
                started.logPath(),
                null,
                null);
    }

    /**
     * Publishes {@code deploy.done}, then (for a staged build under a supervisor) asks for the restart. The record says
     * {@code restarting} before the request goes out, so a restart that happens at once leaves no stale state; a
     * refused restart turns it into {@code restart_failed} and a second {@code deploy.done} says so.
     */
    private Future<Deploy> restartInto(Deploy deploy) {
        publishDone(deploy);
        if (deploy.status() != DeployStatus.RESTARTING) {
            return Future.succeededFuture(deploy);
        }
        return restarter
                .request("deploy " + deploy.deployId(), deploy.requestedBy())
                .map(deploy)
                .recover(failure -> {
                    Deploy refused = deploy.withStatus(DeployStatus.RESTART_FAILED, failure.getMessage());
                    publishDone(refused);
                    return store.updateDeploy(refused).map(refused);
                });
    }

    /** A build the previous process was running when it stopped can only have failed. */
    Future<Void> settleInterrupted() {
        return store.deploysIn(DeployStatus.RUNNING)
                .compose(left -> settle(
                        left,
                        deploy -> deploy.withStatus(DeployStatus.FAILED, "the instance stopped while this build ran")));
    }

    /**
     * Called once this process has stayed up for the settle time: the build it runs is known-good, and a restart into
     * a build is live if that is the build running, else it did not boot.
     */
    Future<Void> confirmBoot() {
        String runningBuild = config.runningBuild();
        Future<Void> booted = runningBuild == null ? Future.succeededFuture() : markBooted(runningBuild);
        return booted.compose(done -> store.deploysIn(DeployStatus.RESTARTING))
                .compose(left -> settle(
                        left,
                        deploy -> deploy.deployId().equals(runningBuild)
                                ? deploy.withStatus(DeployStatus.LIVE, "")
                                : deploy.withStatus(DeployStatus.NOT_BOOTED, notBooted(runningBuild))));
    }

    private Future<Void> markBooted(String buildId) {
        return builds.markBooted(buildId).onFailure(e -> LOG.warn("[selfedit] cannot mark build {} good", buildId, e));
    }

    private static String notBooted(String runningBuild) {
        return runningBuild == null
                ? "the instance came back without a supervisor-started build"
                : "the instance came back on build " + runningBuild;
    }

    private Future<Void> settle(List<Deploy> deploys, UnaryOperator<Deploy> change) {
        Future<Void> chain = Future.succeededFuture();
        for (Deploy deploy : deploys) {
            chain = chain.compose(done -> store.updateDeploy(change.apply(deploy)));
        }
        return chain;
    }

    private void publishLine(String userId, String deployId, String stream, String line) {
        vertx.eventBus()
                .publish(
                        Addresses.user(userId),
                        new JsonObject()
                                .put("type", Frames.DEPLOY_LOG)
                                .put("deployId", deployId)
                                .put("stream", stream)
                                .put("line", line));
    }

    private void publishDone(Deploy deploy) {
        vertx.eventBus()
                .publish(
                        Addresses.user(deploy.requestedBy()),
                        new JsonObject()
                                .put("type", Frames.DEPLOY_DONE)
                                .put("deployId", deploy.deployId())
                                .put("ok", deploy.ok())
                                .put("status", deploy.status().wire())
                                .put("exitCode", deploy.exitCode())
                                .put("durationMs", deploy.durationMs())
                                .put("errorSummary", deploy.errorSummary()));
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
