package io.cial.sessions.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code events} table: every frame of a session's turns ({@code turn.event}, {@code turn.done}) stored exactly as
 * it is published, keyed by its sequence number.
 */
public final class EventRepository {

    /** Stores frames that already carry their {@code seq}, {@code turnId} and {@code type}. */
    public Future<Void> insert(SqlClient db, String sessionId, List<JsonObject> frames, long now) {
        if (frames.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> batch = new ArrayList<>(frames.size());
        for (JsonObject frame : frames) {
            batch.add(Tuple.from(values(sessionId, frame, now)));
        }
        return db.preparedQuery(INSERT).executeBatch(batch).mapEmpty();
    }

    /** Stores one frame; parameters from {@link #values}. */
    static final String INSERT =
            "INSERT INTO events (session_id, seq, turn_id, type, json, created_at) VALUES (?, ?, ?, ?, ?, ?)";

    /** The parameters of {@link #INSERT} for a frame. */
    static Object[] values(String sessionId, JsonObject frame, long now) {
        return new Object[] {
            sessionId, frame.getLong("seq"), frame.getString("turnId"), frame.getString("type"), frame.encode(), now
        };
    }

    /** Frames with {@code seq > after}, in order, at most {@code limit}. */
    public Future<List<JsonObject>> after(SqlClient db, String sessionId, long after, int limit) {
        return db.preparedQuery("SELECT json FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                .execute(Tuple.of(sessionId, after, limit))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new JsonObject(row.getString(0))));
                    return out;
                });
    }

    /** Every {@code turn.event} frame of one turn, in order. */
    public Future<List<JsonObject>> ofTurn(SqlClient db, String sessionId, String turnId) {
        return db.preparedQuery("SELECT json FROM events WHERE session_id = ? AND turn_id = ? AND type = 'turn.event'"
                        + " ORDER BY seq")
                .execute(Tuple.of(sessionId, turnId))
                .map(rows -> {
                    List<JsonObject> out = new ArrayList<>();
                    rows.forEach(row -> out.add(new JsonObject(row.getString(0))));
                    return out;
                });
    }
}
