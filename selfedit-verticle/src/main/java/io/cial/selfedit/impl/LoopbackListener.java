package io.cial.selfedit.impl;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AuthActions;
import io.cial.protocol.Contract;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.InvalidRequests;
import io.cial.protocol.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-edit area's own HTTP listener, bound to a loopback address only. Its routes come from the loopback view of
 * the contract ({@code Contract.forListener(doc, "loopback")}), validated by the OpenAPI router and forwarded to
 * {@code cial.selfedit}; the recovery page sits beside them as plain routes. Every request first passes {@link
 * LoopbackGuard}. The caller is the loopback owner, or the turn's user when it shows an agent token.
 */
public final class LoopbackListener {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackListener.class);
    private static final String JSON = "application/json";
    private static final long TOKEN_CHECK_TIMEOUT_MS = 5_000;

    private final Vertx vertx;
    private final SelfEditConfig config;
    private final AreaCaller caller;
    private HttpServer server;

    public LoopbackListener(Vertx vertx, SelfEditConfig config) {
        this.vertx = vertx;
        this.config = config;
        // A deploy answers after its build: the bus may wait as long as the build may run, plus staging.
        this.caller = new AreaCaller(vertx, config.buildTimeoutMs() + 120_000);
    }

    /** Binds the listener; completes with the bound port. */
    public Future<Integer> start() {
        return vertx.executeBlocking(() -> Contract.forListener(Contract.load(), "loopback"), false)
                .compose(view -> OpenAPIContract.from(vertx, view))
                .map(this::router)
                .compose(router -> vertx.createHttpServer()
                        .requestHandler(router)
                        .invalidRequestHandler(InvalidRequests::answer)
                        .listen(config.port(), config.host()))
                .map(bound -> {
                    server = bound;
                    LOG.info("[selfedit] loopback listener on {}:{}", config.host(), bound.actualPort());
                    return bound.actualPort();
                });
    }

    /** Stops accepting and lets in-flight requests (a deploy's answer) finish within the grace period. */
    public Future<Void> stop() {
        return server == null
                ? Future.succeededFuture()
                : server.shutdown(config.shutdownGraceMs(), TimeUnit.MILLISECONDS);
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    private Router router(OpenAPIContract contract) {
        RouterBuilder builder = RouterBuilder.create(vertx, contract);
        builder.getRoutes().forEach(route -> {
            String operationId = route.getOperation().getOperationId();
            route.setDoSecurity(false).addHandler(rc -> forward(rc, operationId));
        });
        Router root = Router.router(vertx);
        root.route().handler(new LoopbackGuard(this::port));
        new RecoveryRoutes(caller).mount(root, Contract.BASE_PATH);
        root.route(Contract.BASE_PATH + "/*").subRouter(builder.createRouter());
        root.errorHandler(400, rc -> fail(rc, ApiException.validation("%s", validationMessage(rc))));
        root.errorHandler(404, rc -> fail(rc, ApiException.of(ErrorCode.ROUTE_NOT_FOUND, "no such self-edit route")));
        root.errorHandler(405, rc -> fail(rc, ApiException.of(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed")));
        root.errorHandler(500, rc -> fail(rc, AreaCaller.toApiException(rc.failure())));
        return root;
    }

    private void forward(RoutingContext rc, String operationId) {
        ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        RequestParameter body = validated.getBody();
        principal(rc)
                .compose(principal -> caller.call(
                        principal,
                        operationId,
                        values(validated.getPathParameters()),
                        values(validated.getQuery()),
                        body == null ? null : body.get()))
                .onSuccess(response -> write(rc.response(), response))
                .onFailure(failure -> fail(rc, AreaCaller.toApiException(failure)));
    }

    /** The loopback owner, or for {@code Authorization: Bearer cial_at_…} the user of that running turn. */
    private Future<Principal> principal(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        String prefix = "Bearer " + AuthActions.AGENT_TOKEN_PREFIX;
        if (authorization == null || !authorization.startsWith(prefix)) {
            return Future.succeededFuture(Principal.owner(Principal.Kind.LOOPBACK));
        }
        DeliveryOptions options = new DeliveryOptions()
                .addHeader(Addresses.ACTION_HEADER, AuthActions.VERIFY_AGENT_TOKEN)
                .setSendTimeout(TOKEN_CHECK_TIMEOUT_MS);
        JsonObject token = new JsonObject().put("token", authorization.substring("Bearer ".length()));
        return vertx.eventBus()
                .<JsonObject>request(Addresses.SESSIONS, token, options)
                .map(reply -> new Principal(
                        reply.body().getString("userId"),
                        Principal.Kind.AGENT,
                        reply.body().getString("turnId")))
                .recover(failure -> Future.failedFuture(
                        ApiException.of(ErrorCode.UNAUTHENTICATED, "the agent token is not valid")));
    }

    private static JsonObject values(Map<String, RequestParameter> parameters) {
        JsonObject values = new JsonObject();
        parameters.forEach((name, parameter) -> values.put(name, parameter.get()));
        return values;
    }

    static void write(HttpServerResponse response, ApiResponse answer) {
        response.setStatusCode(answer.status());
        if (answer.headers() != null) {
            answer.headers().forEach(header -> response.putHeader(header.getKey(), String.valueOf(header.getValue())));
        }
        Object body = answer.body();
        if (body == null) {
            response.end();
        } else if (body instanceof String text) {
            response.end(text);
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Json.encode(body));
        }
    }

    private static void fail(RoutingContext rc, ApiException error) {
        if (rc.response().ended()) {
            return;
        }
        rc.response()
                .setStatusCode(error.code().status())
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(error.toJson().encode());
    }

    private static String validationMessage(RoutingContext rc) {
        Throwable failure = rc.failure();
        Throwable cause = failure == null ? null : failure.getCause();
        String message = cause != null ? cause.getMessage() : failure != null ? failure.getMessage() : null;
        return message == null ? "the request is invalid" : message;
    }
}
