package io.cial.protocol;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers the requests an HTTP server refuses before any route sees them (a request line or headers over the server's
 * limits, a request that is not HTTP) in the API's error shape, where the default answer has an empty body. Set it
 * with {@code HttpServer.invalidRequestHandler}; the server closes the connection after the answer.
 */
public final class InvalidRequests {

    private InvalidRequests() {}

    public static void answer(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        ApiException error;
        if (cause instanceof TooLongHttpLineException) {
            error = ApiException.of(ErrorCode.URI_TOO_LONG, "the request line (method, path and query) is too long");
        } else if (cause instanceof TooLongHttpHeaderException) {
            error = ApiException.of(ErrorCode.HEADERS_TOO_LARGE, "the request headers are too large");
        } else {
            error = ApiException.of(ErrorCode.VALIDATION_FAILED, "the request is not valid HTTP");
        }
        request.response()
                .setStatusCode(error.code().status())
                .putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end(error.toJson().toBuffer());
    }
}
