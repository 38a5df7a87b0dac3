package io.cial.sessions.impl;

import io.cial.protocol.Addresses;
import io.cial.protocol.Frames;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Publishes the area's server frames (FRAMES.md): session lifecycle on the user's address, turn frames on the
 * session's address. Turn frames are published only after they are stored, by the caller.
 */
public final class FramePublisher {

    private final EventBus bus;

    public FramePublisher(EventBus bus) {
        this.bus = bus;
    }

    public void sessionCreated(String userId, JsonObject session) {
        bus.publish(
                Addresses.user(userId),
                new JsonObject().put("type", Frames.SESSION_CREATED).put("session", session));
    }

    public void sessionUpdated(String userId, JsonObject session) {
        bus.publish(
                Addresses.user(userId),
                new JsonObject().put("type", Frames.SESSION_UPDATED).put("session", session));
    }

    public void sessionDeleted(String userId, String sessionId) {
        bus.publish(
                Addresses.user(userId),
                new JsonObject().put("type", Frames.SESSION_DELETED).put("sessionId", sessionId));
    }

    /** A background task of the session changed. */
    public void taskUpdated(String userId, String sessionId, JsonObject task) {
        bus.publish(
                Addresses.user(userId),
                new JsonObject()
                        .put("type", Frames.TASK_UPDATED)
                        .put("sessionId", sessionId)
                        .put("task", task));
    }

    /** A stored {@code turn.event} or {@code turn.done} frame. */
    public void turnFrame(String sessionId, JsonObject frame) {
        bus.publish(Addresses.sessionEvents(sessionId), frame);
    }
}
