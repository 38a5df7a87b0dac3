package io.cial.selfedit.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through only what a process on this machine sends directly. Binding to loopback keeps other machines out; this
 * keeps out what reaches loopback on someone else's behalf: a local proxy (forwarding headers), a web page in the
 * user's browser (an {@code Origin} other than this listener, {@code Sec-Fetch-Site: cross-site}) and DNS rebinding (a
 * {@code Host} that is not a loopback name).
 */
final class LoopbackGuard implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackGuard.class);
    private static final List<String> FORWARDING_HEADERS =
            List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP");
    private static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "[::1]");

    private final IntSupplier port;

    /** {@code port} gives the bound port once listening; origins must name it. */
    LoopbackGuard(IntSupplier port) {
        this.port = port;
    }

    @Override
    public void handle(RoutingContext rc) {
        String refusal = refusal(rc.request());
        if (refusal == null) {
            rc.next();
            return;
        }
        LOG.warn(
                "[selfedit] refused {} {}: {}",
                rc.request().method(),
                rc.request().path(),
                refusal);
        ApiException error = ApiException.of(ErrorCode.FORBIDDEN, "self-edit refuses this request: %s", refusal);
        rc.response()
                .setStatusCode(error.code().status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(error.toJson().encode());
    }

    String refusal(HttpServerRequest request) {
        String remote =
                request.remoteAddress() == null ? "" : request.remoteAddress().host();
        if (!remote.startsWith("127.") && !remote.equals("0:0:0:0:0:0:0:1") && !remote.equals("::1")) {
            return "the connection does not come from loopback";
        }
        for (String header : FORWARDING_HEADERS) {
            if (request.headers().contains(header)) {
                return "it was forwarded (" + header + ")";
            }
        }
        String host = request.headers().get(HttpHeaders.HOST);
        if (host != null && !LOOPBACK_NAMES.contains(hostName(host))) {
            return "Host is not a loopback name";
        }
        String origin = request.headers().get(HttpHeaders.ORIGIN);
        if (origin != null && !ownOrigin(origin)) {
            return "Origin is not this listener";
        }
        if ("cross-site".equalsIgnoreCase(request.headers().get("Sec-Fetch-Site"))) {
            return "it comes from another site";
        }
        return null;
    }

    private boolean ownOrigin(String origin) {
        return LOOPBACK_NAMES.stream().anyMatch(name -> origin.equals("http://" + name + ":" + port.getAsInt()));
    }

    private static String hostName(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            int end = lower.indexOf(']');
            return end < 0 ? lower : lower.substring(0, end + 1);
        }
        int colon = lower.indexOf(':');
        return colon < 0 ? lower : lower.substring(0, colon);
    }
}
