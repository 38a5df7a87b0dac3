package io.cial.cli.ws;

import io.cial.cli.CliException;
import io.cial.cli.http.Failures;
import io.cial.protocol.Frames;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The CLI's WebSocket to {@code /.cial/api/ws}, following at most one session without loss: it remembers the last
 * {@code seq} it delivered, drops replayed duplicates, answers a {@code resubscribe} frame, and when the connection
 * drops it reconnects with backoff and sends {@code subscribe} with that {@code seq}, so the caller sees every event
 * of the session exactly once and in order. Everything it receives goes to the sink as a {@link Signal}; all its state
 * lives on one Vert.x context, and the sink is called there (hand it a queue, not a printer).
 */
public final class EventSocket {

    private static final long[] BACKOFF_MS = {200, 500, 1000, 2000, 4000};

    /** What the socket reports to its reader. */
    public sealed interface Signal permits Frame, Reconnecting, Reconnected, Lost {}

    /** A frame from the server (pongs and resubscribe requests are handled here and not passed on). */
    public record Frame(JsonObject frame) implements Signal {}

    /** The connection dropped while following a session; reconnecting. */
    public record Reconnecting(String reason) implements Signal {}

    /** Connected again and resubscribed after {@code after}. */
    public record Reconnected(long after) implements Signal {}

    /** The connection is gone for good. */
    public record Lost(CliException failure) implements Signal {}

    /**
     * @param pingIntervalMs how often the client pings; a server silent for three intervals is taken for dead
     * @param giveUpMs how long to keep reconnecting after a drop before reporting {@link Lost}
     */
    public record Options(long pingIntervalMs, long giveUpMs) {
        public static final long DEFAULT_PING_INTERVAL_MS = 15_000;
        public static final long DEFAULT_GIVE_UP_MS = 120_000;
    }

    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient client;
    private final URI apiUrl;
    private final Options options;
    private final Consumer<Signal> sink;
    private final boolean tokenDroppable;
    private String token;

    private WebSocket socket;
    private boolean closing;
    private String pendingStart;
    private String followed;
    private long lastSeq;
    private long lastHeard;
    private long droppedAt;
    private int attempts;
    private long pingTimer = -1;
    private int subscribeCount;

    /**
     * @param token the bearer token, or null
     * @param tokenDroppable a refused token came from the owner token file: retry the upgrade without it
     */
    public EventSocket(
            Vertx vertx, URI apiUrl, String token, boolean tokenDroppable, Options options, Consumer<Signal> sink) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setConnectTimeout(5_000));
        this.apiUrl = apiUrl;
        this.token = token;
        this.tokenDroppable = tokenDroppable;
        this.options = options;
        this.sink = sink;
    }

    /** Opens the socket; fails with the API's error when the upgrade is refused, else a connection failure. */
    public Future<Void> connect() {
        return onContext(() -> open().recover(e -> {
            if (e instanceof UpgradeRejectedException r && r.getStatus() == 401 && tokenDroppable && token != null) {
                token = null;
                return open();
            }
            return Future.failedFuture(Failures.upgrade(e, apiUrl));
        }));
    }

    /** Sends {@code turn.start}; when its {@code turn.started} arrives the socket follows that session. */
    public Future<Void> startTurn(JsonObject frame) {
        return onContext(() -> {
            pendingStart = frame.getString("id");
            return write(frame);
        });
    }

    /** Follows {@code sessionId} from {@code after} on: sends {@code subscribe}, and again after every reconnect. */
    public Future<Void> subscribe(String sessionId, long after) {
        return onContext(() -> {
            follow(sessionId, after);
            return sendSubscribe();
        });
    }

    /** Sends any client frame; fails while the socket is down (reconnecting). */
    public Future<Void> send(JsonObject frame) {
        return onContext(() -> write(frame));
    }

    /** The last {@code seq} delivered for the followed session. */
    public Future<Long> lastSeq() {
        return onContext(() -> Future.succeededFuture(lastSeq));
    }

    public Future<Void> close() {
        return onContext(() -> {
            closing = true;
            vertx.cancelTimer(pingTimer);
            Future<Void> closed = socket == null ? Future.succeededFuture() : socket.close();
            return closed.transform(v -> client.close());
        });
    }

    private Future<Void> open() {
        return client.connect(connectOptions()).map(ws -> {
            socket = ws;
            lastHeard = System.currentTimeMillis();
            ws.textMessageHandler(this::onText);
            ws.exceptionHandler(e -> ws.close());
            ws.closeHandler(v -> onClosed(ws));
            pingTimer = vertx.setPeriodic(options.pingIntervalMs(), id -> heartbeat(ws));
            return null;
        });
    }

    private WebSocketConnectOptions connectOptions() {
        boolean ssl = "https".equalsIgnoreCase(apiUrl.getScheme());
        int port = apiUrl.getPort() > 0 ? apiUrl.getPort() : ssl ? 443 : 80;
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setHost(apiUrl.getHost())
                .setPort(port)
                .setSsl(ssl)
                .setURI(apiUrl.getRawPath() + "/ws");
        if (token != null) {
            connect.addHeader("Authorization", "Bearer " + token);
        }
        return connect;
    }

    private void onText(String text) {
        lastHeard = System.currentTimeMillis();
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return;
        }
        String type = frame.getString("type", "");
        if (type.equals(Frames.TURN_STARTED)
                && pendingStart != null
                && pendingStart.equals(frame.getString("replyTo"))) {
            pendingStart = null;
            follow(frame.getString("sessionId"), frame.getLong("afterSeq", 0L));
        }
        boolean ours = followed != null && followed.equals(frame.getString("sessionId"));
        if (type.equals(Frames.RESUBSCRIBE) && ours) {
            sendSubscribe();
        } else if (!type.equals(Frames.PONG) && (!ours || isNew(frame))) {
            sink.accept(new Frame(frame));
        }
    }

    /** Advances the followed session's last {@code seq}; false for a replayed frame already delivered. */
    private boolean isNew(JsonObject frame) {
        if (!(frame.getValue("seq") instanceof Number seq)) {
            return true;
        }
        if (seq.longValue() <= lastSeq) {
            return false;
        }
        lastSeq = seq.longValue();
        return true;
    }

    private void follow(String sessionId, long after) {
        if (!sessionId.equals(followed)) {
            followed = sessionId;
            lastSeq = after;
        }
    }

    private Future<Void> sendSubscribe() {
        JsonObject subscribe = new JsonObject()
                .put("type", Frames.SUBSCRIBE)
                .put("id", "resume-" + (++subscribeCount))
                .put("sessionId", followed)
                .put("after", lastSeq);
        return write(subscribe);
    }

    private Future<Void> write(JsonObject frame) {
        if (socket == null || socket.isClosed()) {
            return Future.failedFuture(new CliException(CliException.CONNECTION, "the WebSocket is not connected"));
        }
        return socket.writeTextMessage(frame.encode());
    }

    private void heartbeat(WebSocket ws) {
        if (System.currentTimeMillis() - lastHeard > 3 * options.pingIntervalMs()) {
            // A half-open connection never reports a close: treat silence as a drop.
            ws.close();
            return;
        }
        ws.writeTextMessage(new JsonObject().put("type", Frames.PING).encode());
    }

    private void onClosed(WebSocket ws) {
        vertx.cancelTimer(pingTimer);
        if (socket == ws) {
            socket = null;
        }
        if (closing) {
            return;
        }
        if (followed == null) {
            sink.accept(new Lost(new CliException(
                    CliException.CONNECTION,
                    "the connection to " + apiUrl + " closed before the server answered; nothing to resume")));
            return;
        }
        if (droppedAt == 0) {
            droppedAt = System.currentTimeMillis();
            attempts = 0;
            sink.accept(new Reconnecting("the connection to " + apiUrl + " dropped"));
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closing) {
            return;
        }
        if (System.currentTimeMillis() - droppedAt > options.giveUpMs()) {
            sink.accept(new Lost(new CliException(
                    CliException.CONNECTION,
                    "lost the connection to " + apiUrl + " and could not reconnect within " + options.giveUpMs() / 1000
                            + " s")));
            return;
        }
        long delay = BACKOFF_MS[Math.min(attempts++, BACKOFF_MS.length - 1)];
        vertx.setTimer(delay, id -> open().onSuccess(v -> resumed()).onFailure(this::reconnectFailed));
    }

    private void resumed() {
        droppedAt = 0;
        sendSubscribe();
        sink.accept(new Reconnected(lastSeq));
    }

    private void reconnectFailed(Throwable e) {
        if (e instanceof UpgradeRejectedException r && (r.getStatus() == 401 || r.getStatus() == 403)) {
            sink.accept(new Lost(Failures.upgrade(e, apiUrl)));
            return;
        }
        scheduleReconnect();
    }

    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(promise);
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }
}
