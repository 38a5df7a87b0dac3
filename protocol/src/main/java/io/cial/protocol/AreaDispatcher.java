package io.cial.protocol;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one area address: routes each request by its action header to the handler registered for it, replies with
 * the handler's {@link ApiResponse}, and turns failures into the wire error form. An {@link ApiException} is an
 * expected failure and is replied as is; anything else is a bug, logged once and replied as {@code internal} without
 * its message, which could carry data that must not leave the area.
 *
 * <p>Every dispatcher also answers the built-in {@link #HEALTH_ACTION} for the readiness check: it runs the probe the
 * area registered with {@link #health} (by default none, answering {@code {"status": "UP"}}) and replies with its JSON
 * in the {@link ApiResponse} wire form, or fails {@code area_unavailable} naming what the probe reported.
 */
public final class AreaDispatcher {

    /** The built-in action every area answers for readiness; no operation of the contract may use it. */
    public static final String HEALTH_ACTION = "area.health";

    private static final Logger LOG = LoggerFactory.getLogger(AreaDispatcher.class);

    private final String area;
    private final Map<String, Function<ApiRequest, Future<ApiResponse>>> handlers = new HashMap<>();
    private Supplier<Future<JsonObject>> probe = () -> Future.succeededFuture(new JsonObject().put("status", "UP"));

    public AreaDispatcher(String area) {
        this.area = area;
    }

    public AreaDispatcher on(String action, Function<ApiRequest, Future<ApiResponse>> handler) {
        if (handlers.putIfAbsent(action, handler) != null) {
            throw new IllegalStateException("action registered twice: " + action);
        }
        return this;
    }

    /**
     * Sets the probe the readiness check runs, e.g. {@code SELECT 1} on the area's database. It should answer quickly;
     * the readiness check treats a probe slower than its timeout as down.
     */
    public AreaDispatcher health(Supplier<Future<JsonObject>> probe) {
        this.probe = probe;
        return this;
    }

    public MessageConsumer<JsonObject> register(Vertx vertx, String address) {
        return vertx.eventBus().consumer(address, this::dispatch);
    }

    private void dispatch(Message<JsonObject> message) {
        String action = message.headers().get(Addresses.ACTION_HEADER);
        if (HEALTH_ACTION.equals(action)) {
            answerHealth(message);
            return;
        }
        Function<ApiRequest, Future<ApiResponse>> handler = handlers.get(action);
        if (handler == null) {
            fail(
                    message,
                    ApiException.of(ErrorCode.NOT_IMPLEMENTED, "operation '%s' is not served by %s", action, area));
            return;
        }
        Future<ApiResponse> result;
        try {
            result = handler.apply(new ApiRequest(action, message.body()));
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onSuccess(response -> message.reply(response.toJson())).onFailure(e -> fail(message, action, e));
    }

    private void answerHealth(Message<JsonObject> message) {
        Future<JsonObject> result;
        try {
            result = probe.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onSuccess(json -> message.reply(ApiResponse.ok(json).toJson())).onFailure(e -> {
            LOG.warn("[{}] health probe failed: {}", area, e.toString());
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            fail(message, ApiException.of(ErrorCode.AREA_UNAVAILABLE, "%s storage check failed: %s", area, reason));
        });
    }

    private void fail(Message<JsonObject> message, String action, Throwable failure) {
        if (failure instanceof ApiException api) {
            fail(message, api);
            return;
        }
        LOG.error("[{}] {} failed", area, action, failure);
        fail(message, ApiException.of(ErrorCode.INTERNAL, "internal error in %s while handling %s", area, action));
    }

    private static void fail(Message<JsonObject> message, ApiException e) {
        message.fail(e.code().status(), e.toJson().encode());
    }
}
