package io.cial.gateway.auth;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AuthActions;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Resolves the caller of a request to a {@link Principal}, or fails {@code unauthenticated}:
 *
 * <ol>
 *   <li>a bearer token ({@code Authorization: Bearer}, or {@code ?token=} on a WebSocket upgrade, which browsers cannot
 *       give headers): the owner token, or a live agent token {@code cial_at_…} that the sessions area verifies;
 *   <li>otherwise a direct loopback connection without any forwarding header acts as the owner.
 * </ol>
 *
 * A presented token that is wrong is refused even from loopback, so a stale agent token never silently gains the
 * owner's rights.
 */
public final class Authenticator {

    /** Headers that mean a proxy stands between the caller and us: such a request is never trusted as loopback. */
    private static final List<String> FORWARDING_HEADERS =
            List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "Via");

    private static final DeliveryOptions VERIFY =
            new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, AuthActions.VERIFY_AGENT_TOKEN);

    private final Vertx vertx;
    private final byte[] ownerToken;

    public Authenticator(Vertx vertx, String ownerToken) {
        this.vertx = vertx;
        this.ownerToken = ownerToken.getBytes(StandardCharsets.UTF_8);
    }

    public Future<Principal> authenticate(HttpServerRequest request, boolean allowQueryToken) {
        String token = bearer(request);
        if (token == null && allowQueryToken) {
            token = request.getParam("token");
        }
        if (token != null) {
            return verifyToken(token);
        }
        if (isDirectLoopback(request)) {
            return Future.succeededFuture(Principal.owner(Principal.Kind.LOOPBACK));
        }
        return Future.failedFuture(ApiException.of(
                ErrorCode.UNAUTHENTICATED, "authentication required: send the owner token as 'Authorization: Bearer'"));
    }

    private Future<Principal> verifyToken(String token) {
        if (MessageDigest.isEqual(ownerToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Future.succeededFuture(Principal.owner(Principal.Kind.OWNER));
        }
        if (!token.startsWith(AuthActions.AGENT_TOKEN_PREFIX)) {
            return Future.failedFuture(ApiException.of(ErrorCode.UNAUTHENTICATED, "the bearer token is not valid"));
        }
        JsonObject envelope =
                ApiRequest.envelope(Principal.ANONYMOUS, null, null, new JsonObject().put("token", token));
        return vertx.eventBus()
                .<JsonObject>request(Addresses.SESSIONS, envelope, VERIFY)
                .map(reply -> ApiResponse.fromJson(reply.body()).body())
                .map(body -> new Principal(
                        ((JsonObject) body).getString("userId"),
                        Principal.Kind.AGENT,
                        ((JsonObject) body).getString("turnId")))
                .recover(e -> Future.failedFuture(ApiException.of(
                        ErrorCode.UNAUTHENTICATED, "the agent token is not valid or its turn has ended")));
    }

    private static String bearer(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /**
     * A connection from 127.0.0.0/8 or ::1 that no proxy forwarded, addressed to a loopback name. The Host check stops
     * DNS rebinding: a page of another site whose name resolves to 127.0.0.1 sends its own name as Host, so the
     * browser's requests are not mistaken for the owner's.
     */
    public static boolean isDirectLoopback(HttpServerRequest request) {
        for (String header : FORWARDING_HEADERS) {
            if (request.headers().contains(header)) {
                return false;
            }
        }
        return isLoopback(request.connection().remoteAddress()) && isLoopbackHost(authority(request));
    }

    /**
     * The authority the client addressed, as a Host header value: the {@code Host} header over HTTP/1.1, the {@code
     * :authority} pseudo-header over HTTP/2 (which has no Host header); null when the client named none.
     */
    public static String authority(HttpServerRequest request) {
        String host = request.getHeader("Host");
        if (host != null || request.authority() == null) {
            return host;
        }
        HostAndPort authority = request.authority();
        String name = authority.host();
        if (name.contains(":") && !name.startsWith("[")) {
            name = "[" + name + "]";
        }
        return authority.port() >= 0 ? name + ":" + authority.port() : name;
    }

    /** {@code localhost}, {@code 127.x.y.z} or {@code [::1]}, with or without a port. */
    static boolean isLoopbackHost(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = host.trim().toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end > 0 && isLoopbackLiteral(name.substring(1, end));
        }
        int colon = name.lastIndexOf(':');
        String bare = colon >= 0 ? name.substring(0, colon) : name;
        return bare.equals("localhost") || bare.endsWith(".localhost") || isLoopbackLiteral(bare);
    }

    private static boolean isLoopbackLiteral(String literal) {
        if (!literal.matches("[0-9.]+|[0-9a-f:.]+") || !literal.matches(".*[.:].*")) {
            return false;
        }
        return isLoopback(SocketAddress.inetSocketAddress(0, literal));
    }

    static boolean isLoopback(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return false;
        }
        try {
            // An IP literal: parsed, never resolved.
            return InetAddress.getByName(address.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
