package io.cial.protocol;

/**
 * Every event-bus address of the instance, declared once. Area addresses take request/reply messages whose {@code
 * action} header names the operation (an OpenAPI operationId or a WebSocket frame type); the per-user and per-session
 * addresses carry published frames for the gateway to write to sockets.
 */
public final class Addresses {

    public static final String SESSIONS = "cial.sessions";
    /** Uploads live in the sessions module but have their own verticle and address. */
    public static final String UPLOADS = "cial.sessions.uploads";

    public static final String VAULT = "cial.vault";
    public static final String KNOWLEDGE = "cial.knowledge";
    public static final String CONTROLPLANE = "cial.controlplane";
    public static final String SELFEDIT = "cial.selfedit";
    public static final String SYSTEM = "cial.system";
    public static final String GATEWAY = "cial.gateway";

    /** The message header that names the operation on an area address. */
    public static final String ACTION_HEADER = "action";

    private static final String USER_PREFIX = "cial.user.";
    private static final String SESSION_PREFIX = "cial.session.";

    private Addresses() {}

    /** Frames for every socket of one user: session lifecycle, tasks, deploy logs. */
    public static String user(String userId) {
        return USER_PREFIX + userId;
    }

    /** Turn frames of one session, for the sockets subscribed to it. */
    public static String sessionEvents(String sessionId) {
        return SESSION_PREFIX + sessionId + ".events";
    }
}
