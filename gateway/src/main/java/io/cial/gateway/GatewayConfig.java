package io.cial.gateway;

import io.cial.protocol.InstanceConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The gateway's typed configuration, read once from the instance configuration and validated at start. The live
 * traffic settings come from their configuration key, else from their environment variable, else their default.
 *
 * @param host the public listener's host (default {@value #DEFAULT_HOST})
 * @param port the public listener's port (default {@value #DEFAULT_PORT}; 0 picks a free one)
 * @param ownerToken the owner's bearer token
 * @param allowedOrigins origins a browser WebSocket upgrade may come from; the listener's own origin is always allowed
 * @param maxBodyBytes the largest JSON request body (default {@value #DEFAULT_MAX_BODY_BYTES})
 * @param validateResponses whether every area reply is checked against the contract (on in tests; a mismatch is 500)
 * @param busTimeoutMs how long the gateway waits for an area's reply (default {@value #DEFAULT_BUS_TIMEOUT_MS})
 * @param pingIntervalMs the server-side WebSocket ping period; a socket without a pong for two periods and a second is
 *     dropped (key {@value #PING_INTERVAL_MS}, env {@value #ENV_PING_INTERVAL_MS}, default {@value
 *     #DEFAULT_PING_INTERVAL_MS})
 * @param sseKeepAliveMs the period of keep-alive comments on an idle event stream (key {@value #SSE_KEEP_ALIVE_MS},
 *     env {@value #ENV_SSE_KEEP_ALIVE_MS}, default {@value #DEFAULT_SSE_KEEP_ALIVE_MS})
 * @param clientBufferBytes how many bytes may wait unsent to one client before its session feeds stop and it is told to
 *     resubscribe (key {@value #CLIENT_BUFFER_BYTES}, env {@value #ENV_CLIENT_BUFFER_BYTES}, default {@value
 *     #DEFAULT_CLIENT_BUFFER_BYTES})
 * @param socketSendBufferBytes the kernel send buffer of each connection (SO_SNDBUF), or 0 to let the OS size it
 *     (key {@value #SOCKET_SEND_BUFFER_BYTES}, env {@value #ENV_SOCKET_SEND_BUFFER_BYTES}, default 0). On loopback the
 *     OS may give each connection megabytes, which a client that stops reading fills before its own bound applies.
 */
public record GatewayConfig(
        String host,
        int port,
        String ownerToken,
        List<String> allowedOrigins,
        long maxBodyBytes,
        boolean validateResponses,
        long busTimeoutMs,
        long pingIntervalMs,
        long sseKeepAliveMs,
        int clientBufferBytes,
        int socketSendBufferBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final long DEFAULT_BUS_TIMEOUT_MS = 60_000;
    public static final long DEFAULT_PING_INTERVAL_MS = 25_000;
    public static final long DEFAULT_SSE_KEEP_ALIVE_MS = 15_000;
    public static final int DEFAULT_CLIENT_BUFFER_BYTES = 256 * 1024;

    /** Keys of the gateway's own entries in the instance configuration. */
    public static final String OWNER_TOKEN = "ownerToken";

    public static final String ALLOWED_ORIGINS = "allowedOrigins";
    public static final String MAX_BODY_BYTES = "maxBodyBytes";
    public static final String VALIDATE_RESPONSES = "validateResponses";
    public static final String BUS_TIMEOUT_MS = "busTimeoutMs";
    public static final String PING_INTERVAL_MS = "pingIntervalMs";
    public static final String SSE_KEEP_ALIVE_MS = "sseKeepAliveMs";
    public static final String CLIENT_BUFFER_BYTES = "clientBufferBytes";
    public static final String SOCKET_SEND_BUFFER_BYTES = "socketSendBufferBytes";

    /** Environment variables of the live traffic settings. */
    public static final String ENV_PING_INTERVAL_MS = "CIAL_WS_PING_MS";

    public static final String ENV_SSE_KEEP_ALIVE_MS = "CIAL_SSE_KEEPALIVE_MS";
    public static final String ENV_CLIENT_BUFFER_BYTES = "CIAL_CLIENT_BUFFER_BYTES";
    public static final String ENV_SOCKET_SEND_BUFFER_BYTES = "CIAL_SOCKET_SEND_BUFFER_BYTES";

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
        if (pingIntervalMs < 10 || sseKeepAliveMs < 10) {
            throw new IllegalArgumentException(
                    "gateway: " + ENV_PING_INTERVAL_MS + " and " + ENV_SSE_KEEP_ALIVE_MS + " must be at least 10 ms");
        }
        if (clientBufferBytes < 1024) {
            throw new IllegalArgumentException("gateway: " + ENV_CLIENT_BUFFER_BYTES + " must be at least 1024");
        }
        if (socketSendBufferBytes < 0) {
            throw new IllegalArgumentException("gateway: " + ENV_SOCKET_SEND_BUFFER_BYTES + " must not be negative");
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
                config.getLong(BUS_TIMEOUT_MS, DEFAULT_BUS_TIMEOUT_MS),
                setting(config, PING_INTERVAL_MS, ENV_PING_INTERVAL_MS, DEFAULT_PING_INTERVAL_MS),
                setting(config, SSE_KEEP_ALIVE_MS, ENV_SSE_KEEP_ALIVE_MS, DEFAULT_SSE_KEEP_ALIVE_MS),
                Math.toIntExact(
                        setting(config, CLIENT_BUFFER_BYTES, ENV_CLIENT_BUFFER_BYTES, DEFAULT_CLIENT_BUFFER_BYTES)),
                Math.toIntExact(setting(config, SOCKET_SEND_BUFFER_BYTES, ENV_SOCKET_SEND_BUFFER_BYTES, 0)));
    }

    private static long setting(JsonObject config, String key, String envName, long fallback) {
        if (config.getValue(key) != null) {
            return config.getLong(key);
        }
        String raw = InstanceConfig.env(config).getString(envName);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gateway: " + envName + " must be an integer, got '" + raw + "'");
        }
    }
}
