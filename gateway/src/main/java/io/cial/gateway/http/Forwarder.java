package io.cial.gateway.http;

import io.cial.gateway.GatewayConfig;
import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.BusStreams;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Map;

/**
 * Forwards a validated request to the area that serves its operation and writes the area's reply back. The gateway
 * knows nothing of an operation beyond its id and address, both taken from the contract.
 */
public final class Forwarder {

    /** Where the authenticated {@link Principal} waits in the routing context. */
    public static final String PRINCIPAL_KEY = "cial.principal";

    private final Vertx vertx;
    private final GatewayConfig config;
    private final ResponseValidator responseValidator;

    public Forwarder(Vertx vertx, GatewayConfig config, ResponseValidator responseValidator) {
        this.vertx = vertx;
        this.config = config;
        this.responseValidator = responseValidator;
    }

    /** The handler of one JSON operation. */
    public Handler<RoutingContext> forOperation(String operationId, String address) {
        return rc -> {
            ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
            JsonObject envelope = ApiRequest.envelope(
                    rc.get(PRINCIPAL_KEY),
                    toJson(validated.getPathParameters()),
                    toJson(validated.getQuery()),
                    body(validated));
            send(address, operationId, envelope)
                    .compose(reply -> respond(rc, operationId, reply))
                    .onFailure(e -> ErrorResponses.send(rc, e));
        };
    }

    /** Sends an envelope to an area and decodes its reply. */
    public Future<ApiResponse> send(String address, String action, JsonObject envelope) {
        DeliveryOptions options =
                new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action).setSendTimeout(config.busTimeoutMs());
        return vertx.eventBus()
                .<JsonObject>request(address, envelope, options)
                .map(message -> ApiResponse.fromJson(message.body()));
    }

    /** Writes an area's reply: a streamed body, a text body, or JSON checked against the contract when configured. */
    public Future<Void> respond(RoutingContext rc, String operationId, ApiResponse reply) {
        HttpServerResponse response = rc.response().setStatusCode(reply.status());
        if (reply.headers() != null) {
            reply.headers().forEach(h -> response.putHeader(h.getKey(), String.valueOf(h.getValue())));
        }
        if (reply.stream() != null) {
            return streamBody(response, reply.stream());
        }
        if (reply.body() instanceof String text) {
            if (!response.headers().contains("Content-Type")) {
                response.putHeader("Content-Type", "text/plain; charset=utf-8");
            }
            return response.end(text);
        }
        Buffer body =
                reply.status() == 204 || reply.body() == null ? Buffer.buffer() : Json.encodeToBuffer(reply.body());
        return validate(operationId, reply.status(), body).compose(v -> {
            if (body.length() > 0) {
                response.putHeader("Content-Type", "application/json");
            }
            return response.end(body);
        });
    }

    private Future<Void> streamBody(HttpServerResponse response, String address) {
        if (!response.headers().contains("Content-Length")) {
            response.setChunked(true);
        }
        return BusStreams.pull(vertx, address, response)
                .compose(count -> response.end())
                .recover(e -> {
                    // Headers are out: the only honest signal left is a broken response.
                    response.reset();
                    return Future.failedFuture(e);
                });
    }

    private Future<Void> validate(String operationId, int status, Buffer body) {
        if (responseValidator == null) {
            return Future.succeededFuture();
        }
        ValidatableResponse response = body.length() == 0
                ? ValidatableResponse.create(status)
                : ValidatableResponse.create(status, body, "application/json");
        return responseValidator
                .validate(response, operationId)
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(ApiException.of(
                        ErrorCode.INTERNAL,
                        "the reply of %s violates the contract: %s",
                        operationId,
                        String.valueOf(e.getMessage()))));
    }

    private static Object body(ValidatedRequest validated) {
        RequestParameter body = validated.getBody();
        return body == null || body.isNull() || body.isEmpty() ? null : body.get();
    }

    private static JsonObject toJson(Map<String, RequestParameter> parameters) {
        JsonObject json = new JsonObject();
        if (parameters != null) {
            parameters.forEach((name, value) -> {
                if (value != null && !value.isNull()) {
                    json.put(name, value.get());
                }
            });
        }
        return json;
    }
}
