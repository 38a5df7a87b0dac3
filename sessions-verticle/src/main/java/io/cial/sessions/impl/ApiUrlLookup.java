package io.cial.sessions.impl;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.AuthActions;
import io.cial.protocol.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API URL handed to engines as CIAL_API_URL, asked from the gateway ({@link AuthActions#INSTANCE_INFO}) once and
 * then remembered. When the gateway does not answer, turns run without it and the next turn asks again.
 */
public final class ApiUrlLookup {

    private static final Logger LOG = LoggerFactory.getLogger(ApiUrlLookup.class);
    private static final long TIMEOUT_MS = 5000;

    private final Vertx vertx;
    private String apiUrl;

    public ApiUrlLookup(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The URL, or null when the gateway cannot tell. Never fails. */
    public Future<String> apiUrl() {
        if (apiUrl != null) {
            return Future.succeededFuture(apiUrl);
        }
        DeliveryOptions options = new DeliveryOptions()
                .addHeader(Addresses.ACTION_HEADER, AuthActions.INSTANCE_INFO)
                .setSendTimeout(TIMEOUT_MS);
        JsonObject request = ApiRequest.envelope(Principal.owner(Principal.Kind.LOOPBACK), null, null, null);
        return vertx.eventBus()
                .<JsonObject>request(Addresses.GATEWAY, request, options)
                .map(reply -> {
                    JsonObject body = reply.body();
                    JsonObject info = body.getValue("body") instanceof JsonObject inner ? inner : body;
                    apiUrl = info.getString("apiUrl");
                    return apiUrl;
                })
                .otherwise(e -> {
                    LOG.warn(
                            "[sessions] the gateway did not give the API URL ({}); engines run without CIAL_API_URL",
                            e.getMessage());
                    return null;
                });
    }
}
