package io.cial.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The gateway's typed configuration, read once from the instance configuration and validated at start.
 *
 * @param host the public listener's host (default {@value #DEFAULT_HOST})
 * @param port the public listener's port (default {@value #DEFAULT_PORT}; 0 picks a free one)
 * @param ownerToken the owner's bearer token
 * @param allowedOrigins origins a browser WebSocket upgrade may come from; the listener's own origin is always allowed
 * @param maxBodyBytes the largest JSON request body (default {@value #DEFAULT_MAX_BODY_BYTES})
 * @param validateResponses whether every area reply is checked against the contract (on in tests; a mismatch is 500)
 * @param busTimeoutMs how long the gateway waits for an area's reply (default {@value #DEFAULT_BUS_TIMEOUT_MS})
 */
public record GatewayConfig(
        String host,
        int port,
        String ownerToken,
        List<String> allowedOrigins,
        long maxBodyBytes,
        boolean validateResponses,
        long busTimeoutMs) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final long DEFAULT_BUS_TIMEOUT_MS = 60_000;

    /** Keys of the gateway's own entries in the instance configuration. */
    public static final String OWNER_TOKEN = "ownerToken";

    public static final String ALLOWED_ORIGINS = "allowedOrigins";
    public static final String MAX_BODY_BYTES = "maxBodyBytes";
    public static final String VALIDATE_RESPONSES = "validateResponses";
    public static final String BUS_TIMEOUT_MS = "busTimeoutMs";

    public GatewayConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (ownerToken == null || ownerToken.length() < 32) {
            throw new IllegalArgumentException("the owner token is missing or too short");
        }
        if (maxBodyBytes <= 0 || busTimeoutMs <= 0) {
            throw new IllegalArgumentException("maxBodyBytes and busTimeoutMs must be positive");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static GatewayConfig from(JsonObject config) {
        JsonArray origins = config.getJsonArray(ALLOWED_ORIGINS, new JsonArray());
        return new GatewayConfig(
                config.getString("host", DEFAULT_HOST),
                config.getInteger("port", DEFAULT_PORT),
                config.getString(OWNER_TOKEN),
                origins.stream().map(String::valueOf).toList(),
                config.getLong(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES),
                config.getBoolean(VALIDATE_RESPONSES, false),
                config.getLong(BUS_TIMEOUT_MS, DEFAULT_BUS_TIMEOUT_MS));
    }
}
