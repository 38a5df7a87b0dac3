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
 * <p>Internal actions ({@link #internal}) serve other areas rather than the gateway: their request and reply are plain
 * JSON objects documented beside the action name in {@code protocol}, with no principal envelope.
 *
 * <p>Every dispatcher answers the internal {@link #HEALTH_ACTION} for the readiness check: it runs the probe the area
 * registered with {@link #health} (by default none, answering {@code {"status": "UP"}}) and replies with its JSON, or
 * fails {@code area_unavailable} naming what the probe reported.
 */
public final class AreaDispatcher {

    /** The internal action every area answers for readiness; no operation of the contract may use it. */
    public static final String HEALTH_ACTION = "area.health";

    private static final Logger LOG = LoggerFactory.getLogger(AreaDispatcher.class);

    private final String area;
    private final Map<String, Function<ApiRequest, Future<ApiResponse>>> handlers = new HashMap<>();
    private final Map<String, Function<JsonObject, Future<JsonObject>>> internalHandlers = new HashMap<>();
    private Supplier<Future<JsonObject>> probe = () -> Future.succeededFuture(new JsonObject().put("status", "UP"));

    public AreaDispatcher(String area) {
        this.area = area;
        internalHandlers.put(HEALTH_ACTION, request -> runProbe());
    }

    /**
     * Sets the probe the readiness check runs, e.g. {@code SELECT 1} on the area's database. It should answer quickly;
     * the readiness check treats a probe slower than its timeout as down.
     */
    public AreaDispatcher health(Supplier<Future<JsonObject>> probe) {
        this.probe = probe;
        return this;
    }

    private Future<JsonObject> runProbe() {
        Future<JsonObject> result;
        try {
            result = probe.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.recover(e -> {
            LOG.warn("[{}] health probe failed: {}", area, e.toString());
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Future.failedFuture(
                    ApiException.of(ErrorCode.AREA_UNAVAILABLE, "%s storage check failed: %s", area, reason));
        });
    }

    public AreaDispatcher on(String action, Function<ApiRequest, Future<ApiResponse>> handler) {
        if (internalHandlers.containsKey(action) || handlers.putIfAbsent(action, handler) != null) {
            throw new IllegalStateException("action registered twice: " + action);
        }
        return this;
    }

    /** Registers an area-to-area action whose request and reply are plain JSON objects. */
    public AreaDispatcher internal(String action, Function<JsonObject, Future<JsonObject>> handler) {
        if (handlers.containsKey(action) || internalHandlers.putIfAbsent(action, handler) != null) {
            throw new IllegalStateException("action registered twice: " + action);
        }
        return this;
    }

    public MessageConsumer<JsonObject> register(Vertx vertx, String address) {
        return vertx.eventBus().consumer(address, this::dispatch);
    }

    private void dispatch(Message<JsonObject> message) {
        String action = message.headers().get(Addresses.ACTION_HEADER);
        if (internalHandlers.containsKey(action)) {
            dispatchInternal(message, action, internalHandlers.get(action));
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

    private void dispatchInternal(
            Message<JsonObject> message, String action, Function<JsonObject, Future<JsonObject>> handler) {
        Future<JsonObject> result;
        try {
            result = handler.apply(message.body() == null ? new JsonObject() : message.body());
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onSuccess(message::reply).onFailure(e -> fail(message, action, e));
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
