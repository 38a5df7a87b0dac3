package io.cial.protocol.testing;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * Sends {@link ApiRequest} envelopes to an area address the way the gateway does, for tests that talk to an area over
 * the event bus without HTTP. {@link #call} awaits the reply from the JUnit thread; {@link #failure} awaits the
 * expected {@link ApiException}.
 */
public final class Bus {

    private final Vertx vertx;
    private final String address;
    private final Principal principal;

    public Bus(Vertx vertx, String address, Principal principal) {
        this.vertx = vertx;
        this.address = address;
        this.principal = principal;
    }

    /** The same bus, calling as another principal. */
    public Bus as(Principal other) {
        return new Bus(vertx, address, other);
    }

    /** Sends the request and returns the reply as a future (failed with an {@link ApiException} on error). */
    public Future<ApiResponse> send(String action, JsonObject path, JsonObject query, Object body) {
        JsonObject envelope = ApiRequest.envelope(principal, path, query, body);
        DeliveryOptions options = new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action);
        return vertx.eventBus()
                .<JsonObject>request(address, envelope, options)
                .map(reply -> ApiResponse.fromJson(reply.body()))
                .recover(e -> Future.failedFuture(toApiException(e)));
    }

    /** Sends and awaits the reply; an error reply is thrown as its {@link ApiException}. */
    public ApiResponse call(String action, JsonObject path, JsonObject query, Object body) {
        return send(action, path, query, body).await();
    }

    /** Sends with only a body (WebSocket actions and body-only operations). */
    public ApiResponse call(String action, Object body) {
        return call(action, null, null, body);
    }

    /** Sends and awaits the failure; fails the test when the call succeeds. */
    public ApiException failure(String action, JsonObject path, JsonObject query, Object body) {
        try {
            ApiResponse response = call(action, path, query, body);
            throw new AssertionError(action + " was expected to fail but answered " + response.toJson());
        } catch (ApiException e) {
            return e;
        }
    }

    public ApiException failure(String action, Object body) {
        return failure(action, null, null, body);
    }

    private static Throwable toApiException(Throwable e) {
        if (e instanceof ReplyException reply && reply.getMessage() != null) {
            return ApiException.fromJson(reply.getMessage());
        }
        return e;
    }
}
