package io.cial.sessions.impl;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * Calls another area's internal action over the event bus and turns every failure into an {@link ApiException}: the
 * area's own error as it replied it, {@code area_unavailable} when nothing serves the address, {@code timeout} when it
 * does not answer in time.
 */
final class AreaCalls {

    static final long TIMEOUT_MS = 30_000;

    private final Vertx vertx;

    AreaCalls(Vertx vertx) {
        this.vertx = vertx;
    }

    Future<JsonObject> request(String address, String action, JsonObject body) {
        DeliveryOptions options =
                new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action).setSendTimeout(TIMEOUT_MS);
        return vertx.eventBus()
                .<JsonObject>request(address, body, options)
                .map(Message::body)
                .recover(e -> Future.failedFuture(toApiException(address, action, e)));
    }

    private static Throwable toApiException(String address, String action, Throwable failure) {
        if (!(failure instanceof ReplyException reply)) {
            return failure;
        }
        return switch (reply.failureType()) {
            case NO_HANDLERS -> ApiException.of(
                    ErrorCode.AREA_UNAVAILABLE, "%s is not running, so %s cannot be answered", address, action);
            case TIMEOUT -> ApiException.of(
                    ErrorCode.TIMEOUT, "%s did not answer %s within %d ms", address, action, TIMEOUT_MS);
            default -> ApiException.fromJson(reply.getMessage());
        };
    }
}
