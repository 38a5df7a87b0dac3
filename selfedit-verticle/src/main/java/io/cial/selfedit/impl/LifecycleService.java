package io.cial.selfedit.impl;

import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Restart and rollback of the server build: pointer moves in {@link BuildPool}, restarts through {@link Restarter}. */
final class LifecycleService {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleService.class);

    private final BuildPool builds;
    private final Restarter restarter;

    LifecycleService(BuildPool builds, Restarter restarter) {
        this.builds = builds;
        this.restarter = restarter;
    }

    Future<ApiResponse> listBuilds(ApiRequest request) {
        return builds.list().map(ApiResponse::ok);
    }

    /** 202 once the instance accepted the restart into the current build. */
    Future<ApiResponse> restart(ApiRequest request) {
        return builds.pointer(BuildPool.CURRENT).compose(current -> restarter
                .request("restart requested", request.userId())
                .map(done -> new ApiResponse(
                        202, new JsonObject().put("status", "restarting").put("buildId", current), null, null)));
    }

    /**
     * Moves the current pointer to the target build, then restarts into it when a supervisor runs the instance. The
     * pointer move stands even when the restart is refused: the build then runs at the next start ({@code staged}).
     */
    Future<ApiResponse> rollback(ApiRequest request) {
        String requested = request.body().getString("buildId");
        return Future.all(builds.rollbackTarget(requested), builds.pointer(BuildPool.CURRENT))
                .compose(all -> {
                    SelfEditStore.Build target = all.resultAt(0);
                    String previous = all.resultAt(1);
                    LOG.info("[selfedit] rolling back from {} to {}", previous, target.id());
                    JsonObject body =
                            new JsonObject().put("buildId", target.id()).put("previousBuildId", previous);
                    return builds.movePointer(BuildPool.CURRENT, target)
                            .compose(moved -> restartInto(target, request.userId(), body));
                })
                .map(ApiResponse::ok);
    }

    private Future<JsonObject> restartInto(SelfEditStore.Build target, String userId, JsonObject body) {
        if (!restarter.supervised()) {
            return Future.succeededFuture(body.put("status", "staged")
                    .put("message", "no supervisor runs the instance: the build runs at the next start"));
        }
        return restarter
                .request("rollback to " + target.id(), userId)
                .map(done -> body.put("status", "restarting"))
                .otherwise(failure -> body.put("status", "staged")
                        .put(
                                "message",
                                "the restart was refused (" + failure.getMessage()
                                        + "): the build runs at the next start"));
    }
}
