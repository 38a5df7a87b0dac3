package io.cial.gateway;

import io.cial.gateway.auth.Authenticator;
import io.cial.gateway.http.ApiRouter;
import io.cial.gateway.http.ErrorResponses;
import io.cial.gateway.http.Forwarder;
import io.cial.gateway.http.ValidationErrors;
import io.cial.gateway.ws.EventStream;
import io.cial.gateway.ws.SocketSession;
import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.AuthActions;
import io.cial.protocol.Contract;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.InstanceConfig;
import io.cial.protocol.InstanceLifecycle;
import io.cial.protocol.InvalidRequests;
import io.cial.protocol.Principal;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the public listener: authenticates every request, routes REST calls through the contract to the areas, serves
 * the WebSocket and the SSE event stream, and answers {@link AuthActions#INSTANCE_INFO} with the URL it listens on.
 * It only wires; each piece lives in its own class.
 */
public final class GatewayVerticle extends VerticleBase {

    public static final String WS_PATH = "/.cial/api/ws";

    /** How long a closing listener waits for in-flight requests. */
    public static final long SHUTDOWN_GRACE_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

    private final Runnable restartHook;
    private GatewayConfig config;
    private Authenticator authenticator;
    private HttpServer server;
    private Set<String> publicPaths;

    /** @param restartHook what an accepted {@link InstanceLifecycle#RESTART_ACTION} runs; null refuses restarts */
    public GatewayVerticle(Runnable restartHook) {
        this.restartHook = restartHook;
    }

    @Override
    public Future<?> start() {
        config = GatewayConfig.from(config());
        authenticator = new Authenticator(vertx, config.ownerToken());
        Router root = Router.router(vertx);
        root.route().handler(GatewayVerticle::rejectMalformedQuery);
        root.route("/.cial/api/*").handler(this::authenticate);
        root.get(WS_PATH).handler(this::upgrade);
        root.get("/metrics").handler(this::authenticate).handler(this::prometheus);
        root.get(Contract.BASE_PATH + "/sessions/:sessionId/events").handler(new EventStream(vertx, config));
        return vertx.<JsonObject>executeBlocking(ApiRouter::publicDocument)
                .compose(document -> ApiRouter.mount(vertx, config, document, root))
                .compose(paths -> {
                    publicPaths = paths;
                    installFallbacks(root);
                    return listen(root);
                });
    }

    private Future<?> listen(Router root) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setCompressionSupported(true);
        if (config.socketSendBufferBytes() > 0) {
            options.setSendBufferSize(config.socketSendBufferBytes());
        }
        return vertx.createHttpServer(options)
                .requestHandler(root)
                .invalidRequestHandler(InvalidRequests::answer)
                .listen()
                .compose(s -> {
                    server = s;
                    String apiUrl = "http://" + urlHost(config.host()) + ":" + s.actualPort() + "/.cial/api";
                    LOG.info("[gateway] listening on {}", apiUrl);
                    JsonObject info = new JsonObject().put("apiUrl", apiUrl).put("port", s.actualPort());
                    return vertx.eventBus()
                            .<JsonObject>consumer(Addresses.GATEWAY, m -> onGatewayAction(m, info))
                            .completion();
                });
    }

    private void onGatewayAction(Message<JsonObject> message, JsonObject info) {
        String action = message.headers().get(Addresses.ACTION_HEADER);
        if (InstanceLifecycle.RESTART_ACTION.equals(action) && restartHook != null) {
            JsonObject body = message.body() == null ? new JsonObject() : message.body();
            LOG.info("[gateway] restart requested: {}", body.getString("reason", "no reason given"));
            message.reply(new JsonObject().put("accepted", true));
            // After the reply is on its way, so the requester learns the restart was accepted.
            vertx.runOnContext(v -> restartHook.run());
        } else if (AuthActions.INSTANCE_INFO.equals(action) || action == null) {
            message.reply(info);
        } else {
            message.fail(
                    ErrorCode.NOT_IMPLEMENTED.status(),
                    ApiException.of(ErrorCode.NOT_IMPLEMENTED, "the gateway does not serve %s", action)
                            .toJson()
                            .encode());
        }
    }

    /** The port the listener is bound to (useful with port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    private static String urlHost(String host) {
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private void authenticate(RoutingContext rc) {
        boolean anonymous = publicPaths != null && publicPaths.contains(rc.normalizedPath());
        boolean upgrade = WS_PATH.equals(rc.normalizedPath());
        ApiException refused = CrossSiteGuard.refusal(rc.request(), config.allowedOrigins());
        if (refused != null) {
            ErrorResponses.send(rc, refused);
            return;
        }
        // Verifying an agent token is a bus round trip: hold the body until the body handler is there to read it.
        rc.request().pause();
        authenticator
                .authenticate(rc.request(), upgrade)
                .onSuccess(principal -> proceed(rc, principal))
                .onFailure(e -> {
                    if (anonymous) {
                        proceed(rc, Principal.ANONYMOUS);
                    } else {
                        rc.request().resume();
                        ErrorResponses.send(rc, e);
                    }
                });
    }

    /** A query string that is not valid percent-encoding is the client's mistake, not a server error. */
    private static void rejectMalformedQuery(RoutingContext rc) {
        try {
            rc.queryParams();
        } catch (IllegalArgumentException e) {
            ErrorResponses.send(rc, ApiException.validation("the query string is not valid percent-encoding"));
            return;
        }
        rc.next();
    }

    private static void proceed(RoutingContext rc, Principal principal) {
        rc.put(Forwarder.PRINCIPAL_KEY, principal);
        rc.next();
        rc.request().resume();
    }

    /** The conventional scrape path, served by the system area's Prometheus operation. */
    private void prometheus(RoutingContext rc) {
        Forwarder forwarder = new Forwarder(vertx, config, null);
        forwarder
                .send(
                        Addresses.SYSTEM,
                        "getPrometheusMetrics",
                        ApiRequest.envelope(rc.get(Forwarder.PRINCIPAL_KEY), null, null, null))
                .compose(reply -> forwarder.respond(rc, "getPrometheusMetrics", reply))
                .onFailure(e -> ErrorResponses.send(rc, e));
    }

    private void upgrade(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        if (origin != null
                && !CrossSiteGuard.sameOrAllowed(
                        origin, Authenticator.authority(rc.request()), config.allowedOrigins())) {
            ErrorResponses.send(
                    rc, ApiException.of(ErrorCode.ORIGIN_NOT_ALLOWED, "origin %s may not open the socket", origin));
            return;
        }
        rc.request()
                .toWebSocket()
                .onSuccess(ws -> new SocketSession(vertx, ws, rc.get(Forwarder.PRINCIPAL_KEY), config).start())
                .onFailure(e -> LOG.debug("[gateway] WebSocket upgrade failed: {}", e.getMessage()));
    }

    /**
     * The web UI version the self-edit area marks current, read per request (no cache), so a rollback of the pointer
     * is served at once. Without an installed UI every path falls through to the JSON 404.
     */
    private void serveUi(Router root) {
        String dir = InstanceConfig.servedUi(config()).toString();
        root.route()
                .method(HttpMethod.GET)
                .handler(StaticHandler.create(FileSystemAccess.ROOT, dir)
                        .setCachingEnabled(false)
                        .setIncludeHidden(false)
                        .setDirectoryListing(false));
    }

    private void installFallbacks(Router root) {
        serveUi(root);
        root.route()
                .last()
                .handler(rc -> ErrorResponses.send(
                        rc,
                        ApiException.of(
                                ErrorCode.ROUTE_NOT_FOUND,
                                "no route for %s %s",
                                rc.request().method(),
                                rc.request().path())));
        root.errorHandler(400, rc -> ErrorResponses.send(rc, validationFailure(rc)));
        root.errorHandler(
                404,
                rc -> ErrorResponses.send(
                        rc,
                        ApiException.of(
                                ErrorCode.ROUTE_NOT_FOUND,
                                "no route for %s",
                                rc.request().path())));
        root.errorHandler(
                405,
                rc -> ErrorResponses.send(
                        rc,
                        ApiException.of(
                                ErrorCode.METHOD_NOT_ALLOWED,
                                "%s is not allowed here",
                                rc.request().method())));
        root.errorHandler(
                413,
                rc -> ErrorResponses.send(
                        rc, ApiException.of(ErrorCode.TOO_LARGE, "the body exceeds %d bytes", config.maxBodyBytes())));
        root.errorHandler(
                415,
                rc -> ErrorResponses.send(
                        rc, ApiException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json")));
        root.errorHandler(500, rc -> ErrorResponses.send(rc, rc.failure()));
    }

    private static ApiException validationFailure(RoutingContext rc) {
        return rc.failure() instanceof ApiException api ? api : ValidationErrors.toApiException(rc.failure());
    }

    @Override
    public Future<?> stop() {
        // In-flight requests get a grace period; idle keep-alive connections must not hold a restart for long.
        return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    }
}
