package io.cial.gateway.http;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error response of the public listener, in one shape: {@code {"error": message, "code": code}} with the
 * status that {@link ErrorCode} assigns. Bus failures are translated here too.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    /** Converts any failure into the API error it stands for. Unexpected failures become {@code internal}. */
    public static ApiException toApiException(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof ReplyException reply) {
            return switch (reply.failureType()) {
                case RECIPIENT_FAILURE -> ApiException.fromJson(reply.getMessage());
                case NO_HANDLERS -> ApiException.of(ErrorCode.AREA_UNAVAILABLE, "the area serving this is not running");
                case TIMEOUT -> ApiException.of(ErrorCode.TIMEOUT, "the area did not answer in time");
                default -> ApiException.of(ErrorCode.INTERNAL, "internal error");
            };
        }
        LOG.error("[gateway] unexpected failure", failure);
        return ApiException.of(ErrorCode.INTERNAL, "internal error");
    }

    public static void send(RoutingContext rc, Throwable failure) {
        send(rc.response(), toApiException(failure));
    }

    public static void send(HttpServerResponse response, ApiException error) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(error.code().status())
                .putHeader("Content-Type", "application/json")
                .end(error.toJson().toBuffer());
    }
}
