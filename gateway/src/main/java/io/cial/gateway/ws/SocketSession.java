package io.cial.gateway.ws;

import io.cial.gateway.GatewayConfig;
import io.cial.gateway.http.ErrorResponses;
import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Frames;
import io.cial.protocol.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One open WebSocket: reads client frames and bridges them onto the bus, writes the user's published frames and the
 * feeds of the sessions it follows, pings the client and drops it when it stops answering. Its write queue is bounded:
 * a feed that finds it full stops, and the client gets a {@code resubscribe} frame once it has drained. Everything it
 * registered is released when the socket closes.
 */
public final class SocketSession implements FrameSink {

    private static final Pattern FRAME_TYPE_SHAPE = Pattern.compile("[a-z]{1,20}(\\.[a-z]{1,20}){0,3}");

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final Principal principal;
    private final GatewayConfig config;
    private final Map<String, SessionFeed> feeds = new HashMap<>();
    /** Sessions whose feed overflowed, with the seq to resume after, told to the client once the queue drains. */
    private final Map<String, Long> resubscribes = new LinkedHashMap<>();

    private MessageConsumer<JsonObject> userFrames;
    private long pingTimer = -1;
    private long lastPong = System.currentTimeMillis();
    private boolean released;

    public SocketSession(Vertx vertx, ServerWebSocket socket, Principal principal, GatewayConfig config) {
        this.vertx = vertx;
        this.socket = socket;
        this.principal = principal;
        this.config = config;
    }

    /** Starts serving the socket: bus consumers, handlers, the bounded write queue and the ping timer. */
    public void start() {
        userFrames = vertx.eventBus().consumer(Addresses.user(principal.userId()), m -> write(m.body()));
        socket.setWriteQueueMaxSize(config.clientBufferBytes());
        socket.drainHandler(v -> tellResubscribes());
        socket.textMessageHandler(this::onText);
        socket.binaryMessageHandler(b -> error(null, ApiException.of(ErrorCode.INVALID_FRAME, "frames must be text")));
        socket.pongHandler(b -> lastPong = System.currentTimeMillis());
        socket.exceptionHandler(e -> socket.close());
        socket.closeHandler(v -> release());
        long interval = config.pingIntervalMs();
        pingTimer = vertx.setPeriodic(interval, id -> ping(interval));
    }

    private void ping(long intervalMs) {
        if (System.currentTimeMillis() - lastPong > 2 * intervalMs + 1000) {
            // Released now: the close handshake with a dead peer only ends at the server's closing timeout.
            release();
            socket.close((short) 1001, "no pong");
            return;
        }
        socket.writePing(Buffer.buffer("cial"));
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        vertx.cancelTimer(pingTimer);
        userFrames.unregister();
        feeds.values().forEach(SessionFeed::close);
        feeds.clear();
        resubscribes.clear();
    }

    private void tellResubscribes() {
        resubscribes.forEach((sessionId, after) -> write(SessionFeed.resubscribe(sessionId, after)));
        resubscribes.clear();
    }

    private void onText(String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            error(null, ApiException.of(ErrorCode.INVALID_FRAME, "a frame must be a JSON object"));
            return;
        }
        String id = frame.getValue("id") == null ? null : String.valueOf(frame.getValue("id"));
        String type = frame.getString("type");
        Future<Void> handled =
                switch (type == null ? "" : type) {
                    case Frames.PING -> reply(id, Frames.PONG, new JsonObject());
                    case Frames.TURN_START -> startTurn(id, frame);
                    case Frames.TURN_CANCEL -> forward(Frames.TURN_CANCEL, frame)
                            .mapEmpty();
                    case Frames.SUBSCRIBE -> subscribe(id, frame);
                    case Frames.UNSUBSCRIBE -> unsubscribe(frame);
                    default -> Future.failedFuture(unknownType(type));
                };
        handled.onFailure(e -> error(id, ErrorResponses.toApiException(e)));
    }

    /**
     * Names the unknown type only when it has the shape of one (lower-case words joined by dots): anything else could
     * be a pasted secret, which an error frame must not carry back.
     */
    private static ApiException unknownType(String type) {
        String shown = type != null && FRAME_TYPE_SHAPE.matcher(type).matches() ? " '" + type + "'" : "";
        return ApiException.of(
                ErrorCode.INVALID_FRAME,
                "unknown frame type%s: 'type' must be one of %s, %s, %s, %s or %s",
                shown,
                Frames.TURN_START,
                Frames.TURN_CANCEL,
                Frames.SUBSCRIBE,
                Frames.UNSUBSCRIBE,
                Frames.PING);
    }

    private Future<Void> startTurn(String id, JsonObject frame) {
        return forward(Frames.TURN_START, frame).compose(started -> {
            String sessionId = started.getString("sessionId");
            long after = started.getLong("afterSeq", 0L);
            reply(id, Frames.TURN_STARTED, started);
            return follow(sessionId, after).mapEmpty();
        });
    }

    private Future<Void> subscribe(String id, JsonObject frame) {
        String sessionId = frame.getString("sessionId");
        Object after = frame.getValue("after", 0L);
        if (sessionId == null || !(after instanceof Number) || ((Number) after).longValue() < 0) {
            return Future.failedFuture(ApiException.of(
                    ErrorCode.INVALID_FRAME, "subscribe needs 'sessionId' and a non-negative integer 'after'"));
        }
        return follow(sessionId, ((Number) after).longValue())
                .compose(last -> reply(
                        id,
                        Frames.SUBSCRIBED,
                        new JsonObject().put("sessionId", sessionId).put("lastSeq", last)));
    }

    private Future<Void> unsubscribe(JsonObject frame) {
        SessionFeed feed = feeds.remove(String.valueOf(frame.getValue("sessionId")));
        if (feed != null) {
            feed.close();
        }
        return Future.succeededFuture();
    }

    private Future<Long> follow(String sessionId, long after) {
        resubscribes.remove(sessionId);
        SessionFeed previous = feeds.remove(sessionId);
        if (previous != null) {
            previous.close();
        }
        SessionFeed feed = new SessionFeed(vertx, principal, sessionId, after, this);
        feeds.put(sessionId, feed);
        return feed.start().onFailure(e -> {
            feed.close();
            feeds.remove(sessionId, feed);
        });
    }

    /** Sends a client frame to the sessions area; the frame (less type and id) is the request body. */
    private Future<JsonObject> forward(String action, JsonObject frame) {
        JsonObject body = frame.copy();
        body.remove("type");
        body.remove("id");
        DeliveryOptions options =
                new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action).setSendTimeout(config.busTimeoutMs());
        return vertx.eventBus()
                .<JsonObject>request(Addresses.SESSIONS, ApiRequest.envelope(principal, null, null, body), options)
                .map(reply -> reply.body().getJsonObject("body", new JsonObject()));
    }

    private Future<Void> reply(String id, String type, JsonObject fields) {
        JsonObject frame = fields.copy().put("type", type);
        if (id != null) {
            frame.put("replyTo", id);
        }
        write(frame);
        return Future.succeededFuture();
    }

    private void error(String id, ApiException e) {
        JsonObject frame = new JsonObject()
                .put("type", Frames.ERROR)
                .put("code", e.code().code())
                .put("message", e.getMessage());
        if (id != null) {
            frame.put("replyTo", id);
        }
        write(frame);
    }

    @Override
    public void write(JsonObject frame) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(frame.encode());
        }
    }

    @Override
    public boolean full() {
        return socket.writeQueueFull();
    }

    @Override
    public void overflowed(String sessionId, long after) {
        feeds.remove(sessionId);
        resubscribes.put(sessionId, after);
        if (!socket.writeQueueFull()) {
            tellResubscribes();
        }
    }
}
