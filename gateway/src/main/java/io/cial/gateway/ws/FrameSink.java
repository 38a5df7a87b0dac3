package io.cial.gateway.ws;

import io.vertx.core.json.JsonObject;

/** Where a client's frames go: a WebSocket, or a Server-Sent Events response. Called on the client's event loop. */
public interface FrameSink {

    /** Writes one frame. */
    void write(JsonObject frame);

    /** Whether the client's bounded write queue is full, i.e. the client reads slower than we produce. */
    boolean full();

    /**
     * The feed of {@code sessionId} stopped because the client fell behind: once its queue has drained, tell it to
     * resume after {@code after}, the last {@code seq} it was sent.
     */
    void overflowed(String sessionId, long after);
}
