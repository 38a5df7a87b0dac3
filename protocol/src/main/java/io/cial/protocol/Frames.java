package io.cial.protocol;

/**
 * The WebSocket frame vocabulary at {@code /.cial/api/ws}. Every frame is a JSON text frame with a {@code type}. The
 * full description of each frame's fields is {@code FRAMES.md} beside the OpenAPI contract.
 */
public final class Frames {

    // Client → server.
    public static final String TURN_START = "turn.start";
    public static final String TURN_CANCEL = "turn.cancel";
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String PING = "ping";

    // Server → client.
    public static final String SESSION_CREATED = "session.created";
    public static final String SESSION_UPDATED = "session.updated";
    public static final String SESSION_DELETED = "session.deleted";
    public static final String TURN_STARTED = "turn.started";
    public static final String TURN_EVENT = "turn.event";
    public static final String TURN_DONE = "turn.done";
    public static final String TASK_UPDATED = "task.updated";
    public static final String SUBSCRIBED = "subscribed";
    public static final String RESUBSCRIBE = "resubscribe";
    public static final String ERROR = "error";
    public static final String PONG = "pong";
    /** One line of a self-edit build's output, on the requesting user's address. */
    public static final String DEPLOY_LOG = "deploy.log";
    /** A self-edit deploy reached its answer (built and restarting, built, or failed). */
    public static final String DEPLOY_DONE = "deploy.done";

    /** Actions on the sessions address that serve client frames (request/reply). */
    public static final String ACTION_REPLAY = "ws.replay";

    private Frames() {}
}
