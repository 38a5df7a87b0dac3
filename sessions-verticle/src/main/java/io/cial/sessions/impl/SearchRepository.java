package io.cial.sessions.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-text search over the {@link SearchIndex} of messages, owner-scoped through the message's session. Hits come
 * newest first and are paged by message position, which the index yields in order without sorting.
 */
final class SearchRepository {

    /** Words of context around the matches in a snippet. */
    static final int SNIPPET_TOKENS = 16;

    static final String SEARCH = "SELECT m.pos, m.id, m.session_id, m.turn_id, m.role, m.created_at,"
            + " s.name AS session_name,"
            + " snippet(messages_fts, 0, char(1), char(2), '…', " + SNIPPET_TOKENS + ") AS snippet"
            + " FROM messages_fts"
            + " JOIN messages m ON m.pos = messages_fts.rowid"
            + " JOIN sessions s ON s.id = m.session_id"
            + " WHERE messages_fts MATCH ? AND messages_fts.rowid < ? AND s.user_id = ?"
            + " ORDER BY messages_fts.rowid DESC LIMIT ?";

    /** At most {@code limit} of the user's messages matching {@code query} with a position below {@code before}. */
    Future<List<SearchHit>> search(SqlClient db, String userId, SearchQuery query, long before, int limit) {
        return db.preparedQuery(SEARCH)
                .execute(Tuple.of(query.match(), before, userId, limit))
                .map(rows -> {
                    List<SearchHit> out = new ArrayList<>();
                    rows.forEach(row -> out.add(SearchHit.from(row)));
                    return out;
                });
    }
}
