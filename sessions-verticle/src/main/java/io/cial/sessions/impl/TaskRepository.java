package io.cial.sessions.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tasks} table: background work an engine started (shells, sub-agents), one row per task of a session,
 * merged from the engine's {@code task} events. A task ends as completed, failed or killed.
 */
public final class TaskRepository {

    static final String RUNNING = "running";
    private static final String COLUMNS = "session_id, task_id, turn_id, kind, description, status, tool_use_id,"
            + " summary, output_tail, started_at, ended_at, updated_at";

    /**
     * Merges one {@code task} event into the task's row (fields the event lacks are kept) and returns the row as it
     * now stands; parameters from {@link #applyValues}.
     */
    static final String APPLY = "INSERT INTO tasks (session_id, task_id, turn_id, kind, description, status,"
            + " tool_use_id, summary, output_tail, started_at, ended_at, updated_at)"
            + " VALUES (?, ?, ?, COALESCE(?, 'other'), COALESCE(?, ''), COALESCE(?, 'running'), ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (session_id, task_id) DO UPDATE SET"
            + " kind = COALESCE(?, kind), description = COALESCE(?, description),"
            + " status = COALESCE(?, status), tool_use_id = COALESCE(excluded.tool_use_id, tool_use_id),"
            + " summary = COALESCE(excluded.summary, summary),"
            + " output_tail = COALESCE(excluded.output_tail, output_tail),"
            + " ended_at = COALESCE(ended_at, excluded.ended_at), updated_at = excluded.updated_at"
            + " RETURNING " + COLUMNS;

    /** The parameters of {@link #APPLY} for one {@code task} event. */
    static Object[] applyValues(String sessionId, String turnId, JsonObject event, long now) {
        String status = event.getString("status");
        Long ended = status != null && !RUNNING.equals(status) ? now : null;
        return new Object[] {
            sessionId,
            event.getString("taskId"),
            turnId,
            event.getString("taskKind"),
            event.getString("description"),
            status,
            event.getString("toolUseId"),
            event.getString("summary"),
            event.getString("outputTail"),
            now,
            ended,
            now,
            event.getString("taskKind"),
            event.getString("description"),
            status
        };
    }

    /** Marks the turn's tasks still running as killed: their engine exited. @return the changed tasks */
    public Future<List<JsonObject>> killRunning(SqlClient db, String sessionId, String turnId, long now) {
        return db.preparedQuery("UPDATE tasks SET status = 'killed', ended_at = ?, updated_at = ?"
                        + " WHERE session_id = ? AND turn_id = ? AND status = 'running' RETURNING " + COLUMNS)
                .execute(Tuple.of(now, now, sessionId, turnId))
                .map(TaskRepository::all);
    }

    /** The session's tasks, newest first. */
    public Future<List<JsonObject>> ofSession(SqlClient db, String sessionId) {
        return db.preparedQuery(
                        "SELECT " + COLUMNS + " FROM tasks WHERE session_id = ?" + " ORDER BY started_at DESC, task_id")
                .execute(Tuple.of(sessionId))
                .map(TaskRepository::all);
    }

    private static List<JsonObject> all(RowSet<Row> rows) {
        List<JsonObject> out = new ArrayList<>();
        rows.forEach(row -> out.add(json(row::getValue)));
        return out;
    }

    /** A row's values by column name: a Vert.x row or a JDBC result set. */
    interface Columns<E extends Exception> {
        Object get(String column) throws E;
    }

    /** The API form (schema {@code Task}) of a row of {@link #COLUMNS}. */
    static <E extends Exception> JsonObject json(Columns<E> row) throws E {
        Object ended = row.get("ended_at");
        return new JsonObject()
                .put("id", row.get("task_id"))
                .put("sessionId", row.get("session_id"))
                .put("turnId", row.get("turn_id"))
                .put("kind", row.get("kind"))
                .put("description", row.get("description"))
                .put("status", row.get("status"))
                .put("toolUseId", row.get("tool_use_id"))
                .put("summary", row.get("summary"))
                .put("outputTail", row.get("output_tail"))
                .put("startedAt", SessionRow.iso(((Number) row.get("started_at")).longValue()))
                .put("endedAt", ended == null ? null : SessionRow.iso(((Number) ended).longValue()));
    }
}
