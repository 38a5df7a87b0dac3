package io.cial.sessions.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.sessions.api.Provider;
import io.cial.sessions.engine.EngineEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The sessions area's operations, owner-scoped by user id: sessions, their history and events, turns, and agent-token
 * verification. Inputs arrive validated in shape; this class enforces ownership and state. An unknown session, or
 * another user's, is {@code session_not_found}.
 */
public final class SessionsService {

    static final int NAME_CHARS = 60;

    private final Pool pool;
    private final SessionRepository sessions;
    private final MessageRepository messages;
    private final EventRepository events;
    private final TurnRepository turns;
    private final TaskRepository tasks;
    private final TurnCoordinator coordinator;
    private final FramePublisher publisher;
    private final TurnContextResolver contexts;
    private final AgentTokens tokens;

    public SessionsService(
            Pool pool,
            TurnCoordinator coordinator,
            FramePublisher publisher,
            TurnContextResolver contexts,
            AgentTokens tokens) {
        this.pool = pool;
        this.sessions = new SessionRepository();
        this.messages = new MessageRepository();
        this.events = new EventRepository();
        this.turns = new TurnRepository();
        this.tasks = new TaskRepository();
        this.coordinator = coordinator;
        this.publisher = publisher;
        this.contexts = contexts;
        this.tokens = tokens;
    }

    /** Creates a session; without a provider, claude when the vault has a credential for it, else demo. */
    public Future<JsonObject> create(String userId, String name, Provider provider, String model) {
        String id = Ids.session();
        return chooseProvider(userId, id, provider).compose(p -> insert(userId, id, name, p, model));
    }

    private Future<Provider> chooseProvider(String userId, String sessionId, Provider provider) {
        return provider != null ? Future.succeededFuture(provider) : contexts.defaultProvider(userId, sessionId);
    }

    private Future<JsonObject> insert(String userId, String id, String name, Provider provider, String model) {
        long now = System.currentTimeMillis();
        SessionRow row = new SessionRow(
                id,
                userId,
                name == null ? "New session" : name,
                provider,
                model,
                SessionRow.IDLE,
                Ids.engineSession(),
                false,
                null,
                0,
                now,
                now);
        return Database.transaction(pool, db -> sessions.insert(db, row)).map(v -> {
            JsonObject json = row.toJson(null);
            publisher.sessionCreated(userId, json);
            return json;
        });
    }

    /** A page of sessions, newest activity first: {@code {items, nextCursor}}. */
    public Future<JsonObject> list(String userId, String cursor, int limit) {
        PageCursor after = PageCursor.decode(cursor);
        return sessions.page(pool, userId, after, limit + 1).map(rows -> {
            List<SessionRow> page = rows.subList(0, Math.min(limit, rows.size()));
            JsonArray items = new JsonArray();
            page.forEach(row -> items.add(row.toJson(row.activeTurnId() == null ? null : briefStreaming(row))));
            SessionRow last = page.isEmpty() ? null : page.get(page.size() - 1);
            String next = rows.size() > limit ? new PageCursor(last.updatedAt(), last.id()).encode() : null;
            return new JsonObject().put("items", items).put("nextCursor", next);
        });
    }

    /** One session with its streaming state. */
    public Future<JsonObject> get(String userId, String id) {
        return session(userId, id).compose(row -> streaming(row).map(row::toJson));
    }

    public Future<JsonObject> rename(String userId, String id, String name) {
        return Database.transaction(pool, db -> sessions.rename(db, userId, id, name, System.currentTimeMillis()))
                .compose(found -> found ? get(userId, id) : Future.failedFuture(notFound(id)))
                .onSuccess(json -> publisher.sessionUpdated(userId, json));
    }

    /**
     * Deletes a session with its history and turn files; a running turn's engine is killed first, and the vault drops
     * the session's tool overrides.
     */
    public Future<Void> delete(String userId, String id) {
        return session(userId, id)
                .compose(row ->
                        row.activeTurnId() == null ? Future.succeededFuture() : coordinator.abandon(row.activeTurnId()))
                .compose(v -> turns.idsOfSession(pool, id))
                .compose(turnIds -> Database.transaction(pool, db -> sessions.delete(db, userId, id))
                        .compose(found -> found ? coordinator.removeFiles(turnIds) : Future.failedFuture(notFound(id))))
                .onSuccess(v -> publisher.sessionDeleted(userId, id))
                .compose(v -> contexts.forgetSession(userId, id));
    }

    /** A page of history, chronological, newest page first: {@code {items, nextCursor}}. */
    public Future<JsonObject> messages(String userId, String id, String cursor, int limit) {
        PageCursor before = PageCursor.decode(cursor);
        return session(userId, id)
                .compose(row -> messages.pageBefore(pool, id, before == null ? null : before.number(), limit + 1))
                .map(rows -> {
                    List<MessageRow> page = rows.size() > limit ? rows.subList(1, rows.size()) : rows;
                    JsonArray items = new JsonArray();
                    page.forEach(m -> items.add(m.toJson()));
                    String next = rows.size() > limit
                            ? new PageCursor(page.get(0).pos(), page.get(0).id()).encode()
                            : null;
                    return new JsonObject().put("items", items).put("nextCursor", next);
                });
    }

    /** Stored events after {@code after}: {@code {items, lastSeq}}; items are the frames exactly as published. */
    public Future<JsonObject> events(String userId, String id, long after, int limit) {
        return session(userId, id).compose(row -> events.after(pool, id, after, limit)
                .map(items ->
                        new JsonObject().put("items", new JsonArray(items)).put("lastSeq", row.lastSeq())));
    }

    /** The session's background tasks, newest first: {@code {items}}. */
    public Future<JsonObject> tasks(String userId, String id) {
        return session(userId, id).compose(row -> tasks.ofSession(pool, id)).map(items -> new JsonObject()
                .put("items", new JsonArray(items)));
    }

    /**
     * Starts a turn; without a session id, first creates a session named after the text. The turn's context
     * (credential, tools, knowledges, attachments) is resolved before anything is stored, so a turn that cannot run
     * leaves no session, message or turn behind.
     *
     * @return {@code {turnId, sessionId, userMessageId, afterSeq}}
     */
    public Future<JsonObject> startTurn(String userId, String sessionId, TurnRequest request) {
        return sessionId != null ? startOnSession(userId, sessionId, request) : startOnNewSession(userId, request);
    }

    private Future<JsonObject> startOnSession(String userId, String sessionId, TurnRequest request) {
        return session(userId, sessionId).compose(row -> {
            if (row.activeTurnId() != null) {
                return Future.failedFuture(TurnCoordinator.turnRunning(row.id()));
            }
            Provider provider = request.provider() != null ? request.provider() : row.provider();
            return contexts.resolve(userId, row.id(), provider, request)
                    .compose(context -> coordinator.startTurn(row, request, context));
        });
    }

    private Future<JsonObject> startOnNewSession(String userId, TurnRequest request) {
        String id = Ids.session();
        return chooseProvider(userId, id, request.provider())
                .compose(provider -> contexts.resolve(userId, id, provider, request)
                        .compose(context -> insert(userId, id, nameFrom(request.text()), provider, request.model())
                                .compose(json -> session(userId, id))
                                .compose(row -> coordinator.startTurn(row, request, context))));
    }

    public Future<JsonObject> cancelTurn(String userId, String sessionId) {
        return session(userId, sessionId).compose(coordinator::cancelTurn).map(turnId -> new JsonObject()
                .put("turnId", turnId));
    }

    /** The turn an agent token belongs to while it runs: {@code {userId, turnId, sessionId}}; else unauthenticated. */
    public Future<JsonObject> verifyAgentToken(String token) {
        return tokens.hashOf(token)
                .compose(hash -> hash == null ? Future.succeededFuture(null) : turns.byTokenHash(pool, hash))
                .compose(turn -> turn == null
                        ? Future.failedFuture(ApiException.of(
                                ErrorCode.UNAUTHENTICATED, "the agent token is unknown or its turn has ended"))
                        : Future.succeededFuture(new JsonObject()
                                .put("userId", turn.userId())
                                .put("turnId", turn.id())
                                .put("sessionId", turn.sessionId())));
    }

    private Future<SessionRow> session(String userId, String id) {
        return sessions.find(pool, userId, id)
                .compose(row -> row == null ? Future.failedFuture(notFound(id)) : Future.succeededFuture(row));
    }

    /** The in-flight state: the text streamed so far in the active turn, or null when idle. */
    private Future<JsonObject> streaming(SessionRow row) {
        if (row.activeTurnId() == null) {
            return Future.succeededFuture(null);
        }
        return events.ofTurn(pool, row.id(), row.activeTurnId()).map(frames -> {
            StringBuilder text = new StringBuilder();
            for (JsonObject frame : frames) {
                JsonObject event = frame.getJsonObject("event");
                if (EngineEvents.is(event, EngineEvents.TEXT)) {
                    text.append(event.getString("text"));
                }
            }
            return briefStreaming(row).put("text", text.toString());
        });
    }

    /** The streaming state without the text, for lists (the text is fetched per session). */
    private static JsonObject briefStreaming(SessionRow row) {
        return new JsonObject()
                .put("turnId", row.activeTurnId())
                .put("text", "")
                .put("active", true)
                .put("lastSeq", row.lastSeq());
    }

    /** A session name from the first message: its first line, whitespace collapsed, at most 60 characters. */
    static String nameFrom(String text) {
        String firstLine = text.strip()
                .lines()
                .findFirst()
                .orElse("")
                .replaceAll("\\s+", " ")
                .strip();
        if (firstLine.isEmpty()) {
            return "New session";
        }
        return firstLine.length() <= NAME_CHARS
                ? firstLine
                : firstLine.substring(0, NAME_CHARS - 1).strip() + "…";
    }

    private static ApiException notFound(String id) {
        return ApiException.of(ErrorCode.SESSION_NOT_FOUND, "session %s not found", id);
    }
}
