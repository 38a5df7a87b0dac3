package io.cial.gateway.ws;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;

/** Where a client's frames go: a WebSocket, or a Server-Sent Events response. */
public interface FrameSink {

    /** Writes one frame. */
    void write(JsonObject frame);

    /** Whether the client's write queue is full, i.e. the client reads slower than we produce. */
    boolean full();

    /** Called once when a full queue has drained. */
    void onDrain(Handler<Void> handler);
}
