package io.cial.protocol;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/** Calls an area over the bus as the gateway does, for tests: replies become {@link ApiResponse}s, failures {@link
 * ApiException}s with the area's code and message. */
public final class AreaClient {

    private final Vertx vertx;
    private final String address;
    private final Principal principal;
    private long timeoutMs = 30_000;

    public AreaClient(Vertx vertx, String address, Principal principal) {
        this.vertx = vertx;
        this.address = address;
        this.principal = principal;
    }

    public AreaClient timeoutMs(long timeoutMs) {
        this.timeoutMs = timeoutMs;
        return this;
    }

    public Future<ApiResponse> call(String action) {
        return call(action, null, null, null);
    }

    public Future<ApiResponse> call(String action, JsonObject path, JsonObject query, Object body) {
        DeliveryOptions options =
                new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action).setSendTimeout(timeoutMs);
        return vertx.eventBus()
                .<JsonObject>request(address, ApiRequest.envelope(principal, path, query, body), options)
                .map(reply -> ApiResponse.fromJson(reply.body()))
                .recover(failure -> Future.failedFuture(
                        failure instanceof ReplyException reply ? ApiException.fromJson(reply.getMessage()) : failure));
    }
}
