package io.cial.gateway.ws;

import io.cial.gateway.GatewayConfig;
import io.cial.gateway.http.ErrorResponses;
import io.cial.gateway.http.Forwarder;
import io.cial.protocol.ApiException;
import io.cial.protocol.Principal;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * {@code GET /sessions/{id}/events} with {@code Accept: text/event-stream}: the same replay-then-live feed as the
 * WebSocket's {@code subscribe}, as Server-Sent Events whose {@code id:} is the event's {@code seq}, so curl, proxies
 * and browsers without the WebSocket resume with {@code Last-Event-ID}. Other requests fall through to the JSON
 * operation.
 */
public final class EventStream implements Handler<RoutingContext> {

    private static final Pattern SESSION_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    /** How soon a client that fell behind should reconnect. */
    private static final int RECONNECT_MS = 500;

    private final Vertx vertx;
    private final GatewayConfig config;

    public EventStream(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    @Override
    public void handle(RoutingContext rc) {
        String accept = rc.request().getHeader("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            rc.next();
            return;
        }
        String sessionId = rc.pathParam("sessionId");
        if (!SESSION_ID.matcher(sessionId).matches()) {
            ErrorResponses.send(rc, ApiException.validation("path parameter 'sessionId' is invalid"));
            return;
        }
        long after;
        try {
            after = resumePoint(rc);
        } catch (NumberFormatException e) {
            ErrorResponses.send(rc, ApiException.validation("'Last-Event-ID' and 'after' must be integers"));
            return;
        }
        stream(rc, sessionId, after);
    }

    private static long resumePoint(RoutingContext rc) {
        String lastEventId = rc.request().getHeader("Last-Event-ID");
        String after = lastEventId != null ? lastEventId : rc.queryParams().get("after");
        long value = after == null ? 0 : Long.parseLong(after.trim());
        if (value < 0) {
            throw new NumberFormatException("negative");
        }
        return value;
    }

    private void stream(RoutingContext rc, String sessionId, long after) {
        HttpServerResponse response = rc.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(config.clientBufferBytes());
        Principal principal = rc.get(Forwarder.PRINCIPAL_KEY);
        SessionFeed feed = new SessionFeed(vertx, principal, sessionId, after, new SseSink(response));
        long keepAlive = vertx.setPeriodic(config.sseKeepAliveMs(), id -> response.write(": keep-alive\n\n"));
        response.closeHandler(v -> {
            vertx.cancelTimer(keepAlive);
            feed.close();
        });
        feed.start()
                .onSuccess(last -> response.write(": live after " + last + "\n\n"))
                .onFailure(e -> {
                    vertx.cancelTimer(keepAlive);
                    feed.close();
                    ErrorResponses.send(rc, e);
                });
    }

    /** Writes frames as SSE events; when the client falls behind, it ends the stream so the client reconnects. */
    private static final class SseSink implements FrameSink {
        private final HttpServerResponse response;

        SseSink(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        public void write(JsonObject frame) {
            if (response.ended() || response.closed()) {
                return;
            }
            StringBuilder event = new StringBuilder();
            if (frame.containsKey("seq")) {
                event.append("id: ").append(frame.getLong("seq")).append('\n');
            }
            event.append("event: ").append(frame.getString("type", "message")).append('\n');
            event.append("data: ").append(frame.encode()).append("\n\n");
            response.write(event.toString());
        }

        @Override
        public boolean full() {
            return response.writeQueueFull();
        }

        /**
         * Ends the stream once drained, after a {@code resubscribe} event: an EventSource reconnects by itself with
         * {@code Last-Event-ID} equal to the last {@code id:} it got, which is exactly where to resume.
         */
        @Override
        public void overflowed(String sessionId, long after) {
            response.drainHandler(v -> {
                write(SessionFeed.resubscribe(sessionId, after));
                response.end("retry: " + RECONNECT_MS + "\n\n");
            });
        }
    }
}
