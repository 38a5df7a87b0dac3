package io.cial.gateway;

import io.cial.gateway.auth.Authenticator;
import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Refuses requests a browser sends on behalf of another site. A page elsewhere can make the owner's browser send a
 * "simple" request (a form post, a body-less POST) to this instance without any preflight; the browser then marks it
 * with its {@code Origin} (and {@code Sec-Fetch-Site}). Such a request may only change state when the origin is ours
 * (same host) or on the allowed list. Requests without these headers (curl, cial-cli, the agent) are not browsers'.
 */
final class CrossSiteGuard {

    private CrossSiteGuard() {}

    /** The refusal for a cross-site request that would change state, or null when it may proceed. */
    static ApiException refusal(HttpServerRequest request, List<String> allowedOrigins) {
        HttpMethod method = request.method();
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        if (safe && !upgrade) {
            return null;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrAllowed(origin, Authenticator.authority(request), allowedOrigins)) {
            return ApiException.of(ErrorCode.ORIGIN_NOT_ALLOWED, "requests from origin %s are not allowed", origin);
        }
        if (origin == null && "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            return ApiException.of(ErrorCode.ORIGIN_NOT_ALLOWED, "cross-site requests are not allowed");
        }
        return null;
    }

    /** Same origin (the Origin's authority is our Host) or on the configured list. */
    static boolean sameOrAllowed(String origin, String host, List<String> allowedOrigins) {
        if (allowedOrigins.contains(origin)) {
            return true;
        }
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }
}
