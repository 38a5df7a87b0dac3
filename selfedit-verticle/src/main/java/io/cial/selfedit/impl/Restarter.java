package io.cial.selfedit.impl;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.InstanceLifecycle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Asks the instance to restart through {@link InstanceLifecycle#RESTART_ACTION} on {@link Addresses#GATEWAY}; the
 * instance's {@code Main} does the graceful stop and the exit, never this area. Succeeds only when the instance
 * accepted, so a deploy never claims a restart that nobody will perform.
 */
final class Restarter {

    private final Vertx vertx;
    private final SelfEditConfig config;

    Restarter(Vertx vertx, SelfEditConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    boolean supervised() {
        return config.supervised();
    }

    /** Fails {@code conflict} without a supervisor, {@code area_unavailable} or {@code timeout} when refused. */
    Future<Void> request(String reason, String userId) {
        if (!config.supervised()) {
            return Future.failedFuture(ApiException.of(
                    ErrorCode.CONFLICT,
                    "no supervisor would bring the instance back: start it with bin/cial or set %s=1",
                    InstanceLifecycle.SUPERVISED_ENV));
        }
        DeliveryOptions options = new DeliveryOptions()
                .addHeader(Addresses.ACTION_HEADER, InstanceLifecycle.RESTART_ACTION)
                .setSendTimeout(config.restartTimeoutMs());
        JsonObject request = new JsonObject().put("reason", reason).put("requestedBy", userId);
        return vertx.eventBus()
                .request(Addresses.GATEWAY, request, options)
                .<Void>mapEmpty()
                .recover(failure -> Future.failedFuture(refusal(failure)));
    }

    private static ApiException refusal(Throwable failure) {
        if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
            return ApiException.of(
                    ErrorCode.AREA_UNAVAILABLE,
                    "the instance serves no restart (nothing answers %s on %s)",
                    InstanceLifecycle.RESTART_ACTION,
                    Addresses.GATEWAY);
        }
        if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
            return ApiException.of(ErrorCode.TIMEOUT, "the instance did not accept the restart in time");
        }
        return ApiException.of(
                ErrorCode.AREA_UNAVAILABLE, "the instance refused the restart: %s", failure.getMessage());
    }
}
