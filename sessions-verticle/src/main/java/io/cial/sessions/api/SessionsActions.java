package io.cial.sessions.api;

/**
 * The actions served on {@code cial.sessions}: the operationIds of {@code sessions.yaml} (forwarded by the gateway
 * after OpenAPI validation) and the WebSocket frame actions (forwarded as they arrive, validated here).
 */
public final class SessionsActions {

    public static final String LIST_SESSIONS = "listSessions";
    public static final String CREATE_SESSION = "createSession";
    public static final String GET_SESSION = "getSession";
    public static final String RENAME_SESSION = "renameSession";
    public static final String DELETE_SESSION = "deleteSession";
    public static final String LIST_MESSAGES = "listMessages";
    public static final String START_TURN = "startTurn";
    public static final String CANCEL_TURN = "cancelTurn";
    public static final String LIST_EVENTS = "listEvents";
    public static final String LIST_TASKS = "listTasks";
    public static final String SEARCH_MESSAGES = "searchMessages";

    /** Default and largest page sizes of the paged lists. */
    public static final int DEFAULT_PAGE = 50;

    public static final int MAX_PAGE = 200;
    public static final int DEFAULT_EVENTS = 500;
    public static final int MAX_EVENTS = 5000;
    public static final int DEFAULT_SEARCH = 20;
    public static final int MAX_SEARCH = 100;

    private SessionsActions() {}
}
