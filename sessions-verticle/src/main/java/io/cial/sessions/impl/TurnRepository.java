package io.cial.sessions.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The {@code turns} table: one process-state record per turn, and the hash of the turn's agent token. */
public final class TurnRepository {

    private static final String COLUMNS = "id, session_id, user_id, provider, status, pid, process_start, log_path,"
            + " log_offset, cancel_requested, error, started_at, ended_at";

    public Future<Void> insert(SqlClient db, TurnRow t, String tokenHash) {
        return db.preparedQuery("INSERT INTO turns (id, session_id, user_id, provider, status, log_path, token_hash,"
                        + " started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .execute(Tuple.from(new Object[] {
                    t.id(),
                    t.sessionId(),
                    t.userId(),
                    t.provider().wire(),
                    TurnRow.RUNNING,
                    t.logPath(),
                    tokenHash,
                    t.startedAt()
                }))
                .mapEmpty();
    }

    public Future<TurnRow> find(SqlClient db, String id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM turns WHERE id = ?")
                .execute(Tuple.of(id))
                .map(TurnRepository::first);
    }

    /** Every turn still marked running, oldest first: what start-up reconciles. */
    public Future<List<TurnRow>> running(SqlClient db) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM turns WHERE status = ? ORDER BY started_at")
                .execute(Tuple.of(TurnRow.RUNNING))
                .map(rows -> {
                    List<TurnRow> out = new ArrayList<>();
                    rows.forEach(row -> out.add(TurnRow.from(row)));
                    return out;
                });
    }

    /** The ids of every turn of a session, to remove their files with it. */
    public Future<List<String>> idsOfSession(SqlClient db, String sessionId) {
        return db.preparedQuery("SELECT id FROM turns WHERE session_id = ?")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(row -> out.add(row.getString(0)));
                    return out;
                });
    }

    /** Records the engine process as soon as it exists. */
    public Future<Void> recordProcess(SqlClient db, String id, long pid, long processStart) {
        return db.preparedQuery("UPDATE turns SET pid = ?, process_start = ? WHERE id = ?")
                .execute(Tuple.of(pid, processStart, id))
                .mapEmpty();
    }

    /** @return whether the turn was running (and is now marked for cancellation) */
    public Future<Boolean> requestCancel(SqlClient db, String id) {
        return db.preparedQuery("UPDATE turns SET cancel_requested = 1 WHERE id = ? AND status = ?")
                .execute(Tuple.of(id, TurnRow.RUNNING))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Ends the turn and revokes its agent token.
     *
     * @return whether this call ended it (false when it had already ended)
     */
    public Future<Boolean> finish(SqlClient db, String id, String status, String error, long now) {
        return db.preparedQuery("UPDATE turns SET status = ?, error = ?, ended_at = ?, token_hash = NULL"
                        + " WHERE id = ? AND status = ?")
                .execute(Tuple.of(status, error, now, id, TurnRow.RUNNING))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The running turn whose agent token hashes to {@code tokenHash}, or null. */
    public Future<TurnRow> byTokenHash(SqlClient db, String tokenHash) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM turns WHERE token_hash = ? AND status = ?")
                .execute(Tuple.of(tokenHash, TurnRow.RUNNING))
                .map(TurnRepository::first);
    }

    private static TurnRow first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? TurnRow.from(rows.iterator().next()) : null;
    }
}
