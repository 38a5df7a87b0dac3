package io.cial.sessions.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The {@code messages} table: a session's history in insertion order ({@code pos}). */
public final class MessageRepository {

    private static final String COLUMNS =
            "pos, id, session_id, turn_id, role, text, status, parts, attachments, created_at";

    public Future<Void> insert(SqlClient db, MessageRow m) {
        return db.preparedQuery("INSERT INTO messages (id, session_id, turn_id, role, text, status, parts, attachments,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .execute(Tuple.from(new Object[] {
                    m.id(),
                    m.sessionId(),
                    m.turnId(),
                    m.role(),
                    m.text(),
                    m.status(),
                    m.parts().encode(),
                    m.attachments().encode(),
                    m.createdAt()
                }))
                .mapEmpty();
    }

    /** A page of one session's history, newest first: a seek on {@code messages_by_session}. */
    static final String PAGE_BEFORE =
            "SELECT " + COLUMNS + " FROM messages WHERE session_id = ? AND pos < ? ORDER BY pos DESC LIMIT ?";

    /**
     * The newest {@code limit} messages before position {@code before} (all when null), in chronological order.
     */
    public Future<List<MessageRow>> pageBefore(SqlClient db, String sessionId, Long before, int limit) {
        return db.preparedQuery(PAGE_BEFORE)
                .execute(Tuple.of(sessionId, before == null ? Long.MAX_VALUE : before, limit))
                .map(rows -> {
                    List<MessageRow> out = new ArrayList<>();
                    rows.forEach(row -> out.add(MessageRow.from(row)));
                    Collections.reverse(out);
                    return out;
                });
    }
}
