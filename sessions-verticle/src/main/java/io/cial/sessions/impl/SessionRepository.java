package io.cial.sessions.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sessions} table. Every method takes the {@link SqlClient} to run on, so callers compose them inside one
 * transaction; every lookup is owner-scoped by user id.
 */
public final class SessionRepository {

    private static final String COLUMNS = "id, user_id, name, provider, model, status, engine_session_id,"
            + " engine_started, active_turn_id, last_seq, created_at, updated_at";

    public Future<Void> insert(SqlClient db, SessionRow s) {
        return db.preparedQuery("INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .execute(Tuple.from(new Object[] {
                    s.id(),
                    s.userId(),
                    s.name(),
                    s.provider().wire(),
                    s.model(),
                    s.status(),
                    s.engineSessionId(),
                    s.engineStarted() ? 1 : 0,
                    s.activeTurnId(),
                    s.lastSeq(),
                    s.createdAt(),
                    s.updatedAt()
                }))
                .mapEmpty();
    }

    /** The user's session, or null. */
    public Future<SessionRow> find(SqlClient db, String userId, String id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM sessions WHERE id = ? AND user_id = ?")
                .execute(Tuple.of(id, userId))
                .map(SessionRepository::first);
    }

    /** The first page of a user's sessions: a seek on {@code sessions_by_activity}, never a scan or a sort. */
    static final String PAGE_FIRST =
            "SELECT " + COLUMNS + " FROM sessions WHERE user_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?";

    /** A later page: the row-value bound lets the index seek straight to the cursor. */
    static final String PAGE_AFTER = "SELECT " + COLUMNS + " FROM sessions WHERE user_id = ?"
            + " AND (updated_at, id) < (?, ?) ORDER BY updated_at DESC, id DESC LIMIT ?";

    /** A page of the user's sessions, newest activity first, after the cursor position (exclusive). */
    public Future<List<SessionRow>> page(SqlClient db, String userId, PageCursor after, int limit) {
        if (after == null) {
            return db.preparedQuery(PAGE_FIRST).execute(Tuple.of(userId, limit)).map(SessionRepository::all);
        }
        return db.preparedQuery(PAGE_AFTER)
                .execute(Tuple.of(userId, after.number(), after.id(), limit))
                .map(SessionRepository::all);
    }

    /** @return whether the user's session existed */
    public Future<Boolean> rename(SqlClient db, String userId, String id, String name, long now) {
        return db.preparedQuery("UPDATE sessions SET name = ?, updated_at = ? WHERE id = ? AND user_id = ?")
                .execute(Tuple.of(name, now, id, userId))
                .map(rows -> rows.rowCount() > 0);
    }

    public Future<Boolean> delete(SqlClient db, String userId, String id) {
        return db.preparedQuery("DELETE FROM sessions WHERE id = ? AND user_id = ?")
                .execute(Tuple.of(id, userId))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Claims the session for a new turn. The update only matches while no turn is active, so of two concurrent starts
     * (even from two verticle instances) exactly one wins.
     *
     * @return whether this turn won the claim
     */
    public Future<Boolean> claim(SqlClient db, String id, String userId, String turnId, long now) {
        return db.preparedQuery("UPDATE sessions SET active_turn_id = ?, status = 'running', updated_at = ?"
                        + " WHERE id = ? AND user_id = ? AND active_turn_id IS NULL")
                .execute(Tuple.of(turnId, now, id, userId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Releases the session from {@code turnId} with the status it ends in (idle or error). */
    public Future<Void> release(SqlClient db, String id, String turnId, String status, long now) {
        return db.preparedQuery("UPDATE sessions SET active_turn_id = NULL, status = ?, updated_at = ?"
                        + " WHERE id = ? AND active_turn_id = ?")
                .execute(Tuple.of(status, now, id, turnId))
                .mapEmpty();
    }

    /** Switches provider and model; a new provider gets a fresh engine session, since transcripts are per engine. */
    public Future<Void> updateEngine(SqlClient db, SessionRow s) {
        return db.preparedQuery("UPDATE sessions SET provider = ?, model = ?, engine_session_id = ?, engine_started = ?"
                        + " WHERE id = ?")
                .execute(Tuple.of(
                        s.provider().wire(), s.model(), s.engineSessionId(), s.engineStarted() ? 1 : 0, s.id()))
                .mapEmpty();
    }

    /** Records that the engine confirmed its session id, so later turns resume it. */
    /** Adds to a session's last sequence number and returns it; no row when the session is gone. */
    static final String RESERVE_SEQ = "UPDATE sessions SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq";

    /**
     * Reserves {@code count} sequence numbers.
     *
     * @return the last reserved number, or null when the session no longer exists
     */
    public Future<Long> reserveSeq(SqlClient db, String id, int count) {
        return db.preparedQuery(RESERVE_SEQ)
                .execute(Tuple.of(count, id))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
    }

    public Future<Void> touch(SqlClient db, String id, long now) {
        return db.preparedQuery("UPDATE sessions SET updated_at = ? WHERE id = ?")
                .execute(Tuple.of(now, id))
                .mapEmpty();
    }

    private static SessionRow first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? SessionRow.from(rows.iterator().next()) : null;
    }

    private static List<SessionRow> all(RowSet<Row> rows) {
        List<SessionRow> out = new ArrayList<>();
        rows.forEach(row -> out.add(SessionRow.from(row)));
        return out;
    }
}
