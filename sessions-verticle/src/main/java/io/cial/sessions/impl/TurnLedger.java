package io.cial.sessions.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Frames;
import io.cial.sessions.api.TurnStatus;
import io.cial.sessions.engine.EngineEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * The durable steps of a turn's life, each one SQLite transaction: opening it (claim the session, store the turn and
 * the user message), appending the events of a batch of log lines together with the new read offset (so a restart
 * neither loses nor repeats a line; batches of all turns share a {@link GroupCommitWriter group commit}), and closing
 * it (the {@code turn.done} event, the assistant message, the session's release). Frames are returned to the caller to
 * publish after the commit.
 */
public final class TurnLedger {

    private final Pool pool;
    private final GroupCommitWriter writer;
    private final SessionRepository sessions;
    private final MessageRepository messages;
    private final EventRepository events;
    private final TurnRepository turns;
    private final TaskRepository tasks;

    public TurnLedger(
            Pool pool,
            GroupCommitWriter writer,
            SessionRepository sessions,
            MessageRepository messages,
            EventRepository events,
            TurnRepository turns,
            TaskRepository tasks) {
        this.pool = pool;
        this.writer = writer;
        this.sessions = sessions;
        this.messages = messages;
        this.events = events;
        this.turns = turns;
        this.tasks = tasks;
    }

    /**
     * Opens a turn on {@code session} (already carrying any provider or model change).
     *
     * @return fails {@code turn_running} when another turn holds the session
     */
    public Future<Void> open(
            SessionRow session, boolean engineChanged, TurnRow turn, String tokenHash, MessageRow user) {
        return Database.transaction(
                pool, db -> (engineChanged ? sessions.updateEngine(db, session) : Future.<Void>succeededFuture())
                        .compose(v -> sessions.claim(db, session.id(), session.userId(), turn.id(), turn.startedAt()))
                        .compose(claimed -> claimed
                                ? Future.<Void>succeededFuture()
                                : Future.failedFuture(ApiException.of(
                                        ErrorCode.TURN_RUNNING, "session %s already has a turn running", session.id())))
                        .compose(v -> turns.insert(db, turn, tokenHash))
                        .compose(v -> messages.insert(db, user)));
    }

    /** Marks the running turn for cancellation; @return false when it is not running */
    public Future<Boolean> requestCancel(String turnId) {
        return Database.transaction(pool, db -> turns.requestCancel(db, turnId));
    }

    public Future<TurnRow> find(String turnId) {
        return turns.find(pool, turnId);
    }

    /** Every turn left running, for start-up reconciliation. */
    public Future<List<TurnRow>> running() {
        return turns.running(pool);
    }

    /** Whether a cancel was requested for the turn, by this server or another (the flag is on the turn's row). */
    public Future<Boolean> cancelRequested(String turnId) {
        return turns.find(pool, turnId).map(t -> t != null && t.cancelRequested());
    }

    public Future<Void> recordProcess(String turnId, long pid, long processStart) {
        return Database.transaction(pool, db -> turns.recordProcess(db, turnId, pid, processStart));
    }

    /** What one batch stored: its frames, in order, and the background tasks its events changed. */
    public record Appended(List<JsonObject> frames, List<JsonObject> tasks) {}

    /**
     * Stores the events of a batch of lines, merges their task changes, and moves the turn's read offset past them, in
     * the next group commit.
     *
     * @return what to publish; fails with {@link SessionGoneException} when the session was deleted
     */
    public Future<Appended> append(TurnRow turn, List<JsonObject> batch, long endOffset, String initSessionId) {
        return writer.append(turn, batch, endOffset, initSessionId);
    }

    /** Closes the ledger's own connection once the queued writes are done. */
    public Future<Void> close() {
        return writer.close();
    }

    /**
     * Ends the turn: stores {@code turn.done} and the assistant message built from the turn's stored events, releases
     * the session and revokes the agent token.
     *
     * @return the {@code turn.done} frame and the released session, or null when the turn had already ended or its
     *     session is gone
     */
    public Future<Closed> close(TurnRow turn, TurnStatus status, String error) {
        long now = System.currentTimeMillis();
        return Database.transaction(pool, db -> turns.finish(db, turn.id(), status.wire(), error, now)
                .compose(ended -> {
                    if (!ended) {
                        return Future.succeededFuture(null);
                    }
                    return closeEnded(db, turn, status, error, now);
                }));
    }

    /** The result of {@link #close}: what to publish (the turn's tasks that were still running are now killed). */
    public record Closed(JsonObject doneFrame, SessionRow session, List<JsonObject> killedTasks) {}

    private Future<Closed> closeEnded(SqlConnection db, TurnRow turn, TurnStatus status, String error, long now) {
        return events.ofTurn(db, turn.sessionId(), turn.id())
                .compose(stored -> messages.insert(db, assistantMessage(turn, stored, status, error, now)))
                .compose(v -> reserve(db, turn.sessionId(), 1))
                .compose(seq -> {
                    JsonObject done = doneFrame(turn, seq, status, error, now);
                    return events.insert(db, turn.sessionId(), List.of(done), now)
                            .map(done);
                })
                .compose(done -> sessions.release(
                                db,
                                turn.sessionId(),
                                turn.id(),
                                status == TurnStatus.ERROR ? SessionRow.ERROR : SessionRow.IDLE,
                                now)
                        .compose(v -> tasks.killRunning(db, turn.sessionId(), turn.id(), now))
                        .compose(killed -> sessions.find(db, turn.userId(), turn.sessionId())
                                .map(session -> new Closed(done, session, killed))));
    }

    private Future<Long> reserve(SqlConnection db, String sessionId, int count) {
        if (count == 0) {
            return Future.succeededFuture(0L);
        }
        return sessions.reserveSeq(db, sessionId, count)
                .compose(last -> last == null
                        ? Future.failedFuture(new SessionGoneException(sessionId))
                        : Future.succeededFuture(last));
    }

    private static JsonObject doneFrame(TurnRow turn, long seq, TurnStatus status, String error, long now) {
        return new JsonObject()
                .put("type", Frames.TURN_DONE)
                .put("sessionId", turn.sessionId())
                .put("turnId", turn.id())
                .put("seq", seq)
                .put("status", status.wire())
                .put("error", error)
                .put("at", SessionRow.iso(now));
    }

    /** The assistant's text (every text delta) and parts (tool uses and results, and the error) of the turn. */
    static MessageRow assistantMessage(
            TurnRow turn, List<JsonObject> frames, TurnStatus status, String error, long now) {
        StringBuilder text = new StringBuilder();
        JsonArray parts = new JsonArray();
        for (JsonObject frame : frames) {
            JsonObject event = frame.getJsonObject("event");
            switch (event.getString(EngineEvents.KIND)) {
                case EngineEvents.TEXT -> text.append(event.getString("text"));
                case EngineEvents.TOOL_USE, EngineEvents.TOOL_RESULT -> parts.add(event.copy());
                default -> {}
            }
        }
        if (error != null) {
            parts.add(EngineEvents.error(error));
        }
        String messageStatus =
                switch (status) {
                    case OK -> MessageRow.COMPLETE;
                    case CANCELLED -> MessageRow.CANCELLED;
                    case ERROR -> MessageRow.ERROR;
                };
        return new MessageRow(
                0,
                Ids.message(),
                turn.sessionId(),
                turn.id(),
                MessageRow.ASSISTANT,
                text.toString(),
                messageStatus,
                parts,
                new JsonArray(),
                now);
    }
}
