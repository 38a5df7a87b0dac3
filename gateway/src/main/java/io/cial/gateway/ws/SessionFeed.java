package io.cial.gateway.ws;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.Frames;
import io.cial.protocol.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's feed of one session's events: replays the stored events after the client's last seen {@code seq}, then
 * continues live, with no gap and no duplicate. Live frames that arrive while the replay runs are held and released
 * after it, dropping any the replay already delivered. A live frame that skips a number triggers a replay of the gap.
 * When the client's bounded write queue is full, the feed stops and its sink tells the client to resubscribe from its
 * last {@code seq} once the queue drains, so a slow client never holds memory or slows anyone else.
 */
public final class SessionFeed {

    static final int REPLAY_PAGE = 500;

    private final Vertx vertx;
    private final Principal principal;
    private final String sessionId;
    private final FrameSink sink;
    private final List<JsonObject> held = new ArrayList<>();
    private MessageConsumer<JsonObject> live;
    private long lastSeq;
    private boolean replaying;
    private boolean closed;

    public SessionFeed(Vertx vertx, Principal principal, String sessionId, long after, FrameSink sink) {
        this.vertx = vertx;
        this.principal = principal;
        this.sessionId = sessionId;
        this.sink = sink;
        this.lastSeq = after;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Starts live delivery and the replay; completes with the session's last seq once the replay is through. */
    public Future<Long> start() {
        // Live frames are held from the first one on, so none can overtake the replay.
        replaying = true;
        live = vertx.eventBus().consumer(Addresses.sessionEvents(sessionId), m -> onLive(m.body()));
        return live.completion().compose(v -> replay());
    }

    public void close() {
        closed = true;
        held.clear();
        if (live != null) {
            live.unregister();
            live = null;
        }
    }

    private void onLive(JsonObject frame) {
        if (closed) {
            return;
        }
        if (replaying) {
            held.add(frame);
            return;
        }
        long seq = frame.getLong("seq", 0L);
        if (seq <= lastSeq) {
            return;
        }
        if (seq > lastSeq + 1) {
            held.add(frame);
            catchUp();
            return;
        }
        deliver(frame);
    }

    /** A live frame skipped numbers: replay the gap; if that fails, the client resubscribes later. */
    private void catchUp() {
        replaying = true;
        replay().onFailure(e -> {
            if (!closed) {
                overflow();
            }
        });
    }

    /** Replays the stored frames after {@code lastSeq}, then releases the live frames held meanwhile. */
    private Future<Long> replay() {
        return replayPage().andThen(done -> {
            replaying = false;
            List<JsonObject> pending = new ArrayList<>(held);
            held.clear();
            if (done.succeeded()) {
                pending.forEach(this::onLive);
            }
        });
    }

    private Future<Long> replayPage() {
        JsonObject body = new JsonObject()
                .put("sessionId", sessionId)
                .put("after", lastSeq)
                .put("limit", REPLAY_PAGE);
        DeliveryOptions options = new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, Frames.ACTION_REPLAY);
        return vertx.eventBus()
                .<JsonObject>request(Addresses.SESSIONS, ApiRequest.envelope(principal, null, null, body), options)
                .compose(reply -> {
                    JsonObject page = reply.body().getJsonObject("body", reply.body());
                    JsonArray items = page.getJsonArray("items", new JsonArray());
                    for (int i = 0; i < items.size() && !closed; i++) {
                        JsonObject frame = items.getJsonObject(i);
                        if (frame.getLong("seq", 0L) > lastSeq) {
                            deliver(frame);
                        }
                    }
                    long last = page.getLong("lastSeq", lastSeq);
                    boolean more = items.size() >= REPLAY_PAGE && !closed;
                    return more ? replayPage() : Future.succeededFuture(Math.max(last, lastSeq));
                });
    }

    private void deliver(JsonObject frame) {
        if (closed) {
            return;
        }
        if (sink.full()) {
            overflow();
            return;
        }
        lastSeq = frame.getLong("seq", lastSeq);
        sink.write(frame);
    }

    private void overflow() {
        close();
        sink.overflowed(sessionId, lastSeq);
    }

    /** The frame that tells a client which had fallen behind where to resume. */
    static JsonObject resubscribe(String sessionId, long after) {
        return new JsonObject()
                .put("type", Frames.RESUBSCRIBE)
                .put("sessionId", sessionId)
                .put("after", after);
    }
}
