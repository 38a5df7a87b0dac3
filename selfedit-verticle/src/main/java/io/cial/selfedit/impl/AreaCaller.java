package io.cial.selfedit.impl;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Sends a validated request to the self-edit address as the gateway would, so the loopback listener and the recovery
 * page go through the same dispatcher as every test. Failures come back as {@link ApiException}s.
 */
final class AreaCaller {

    private final Vertx vertx;
    private final long timeoutMs;

    AreaCaller(Vertx vertx, long timeoutMs) {
        this.vertx = vertx;
        this.timeoutMs = timeoutMs;
    }

    Future<ApiResponse> call(Principal principal, String action, JsonObject path, JsonObject query, Object body) {
        DeliveryOptions options =
                new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action).setSendTimeout(timeoutMs);
        return vertx.eventBus()
                .<JsonObject>request(Addresses.SELFEDIT, ApiRequest.envelope(principal, path, query, body), options)
                .map(reply -> ApiResponse.fromJson(reply.body()))
                .recover(failure -> Future.failedFuture(toApiException(failure)));
    }

    static ApiException toApiException(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof ReplyException reply) {
            return switch (reply.failureType()) {
                case RECIPIENT_FAILURE -> ApiException.fromJson(reply.getMessage());
                case TIMEOUT -> ApiException.of(ErrorCode.TIMEOUT, "the self-edit area did not answer in time");
                default -> ApiException.of(ErrorCode.AREA_UNAVAILABLE, "the self-edit area is not running");
            };
        }
        return ApiException.of(ErrorCode.INTERNAL, "internal error in the self-edit listener");
    }

    static boolean isNoHandlers(Throwable failure) {
        return failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
    }
}
