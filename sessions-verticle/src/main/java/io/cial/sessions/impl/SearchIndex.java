package io.cial.sessions.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * The full-text index of message texts: an FTS5 table over {@code messages.text} (external content, rowid = {@code
 * messages.pos}, Porter stemming over Unicode words without diacritics), kept in sync by triggers, so every insert,
 * update and delete of a message (including deletes cascading from its session) changes the index in the same
 * transaction. A database created before the index existed is backfilled once when the index is created.
 */
final class SearchIndex {

    static final String TABLE = "messages_fts";

    private static final List<String> SCHEMA = List.of(
            "CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(text, content = 'messages',"
                    + " content_rowid = 'pos', tokenize = 'porter unicode61 remove_diacritics 2')",
            """
            CREATE TRIGGER IF NOT EXISTS messages_fts_insert AFTER INSERT ON messages BEGIN
              INSERT INTO messages_fts (rowid, text) VALUES (new.pos, new.text);
            END""",
            """
            CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages BEGIN
              INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.pos, old.text);
            END""",
            """
            CREATE TRIGGER IF NOT EXISTS messages_fts_update AFTER UPDATE OF text ON messages BEGIN
              INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.pos, old.text);
              INSERT INTO messages_fts (rowid, text) VALUES (new.pos, new.text);
            END""");

    private SearchIndex() {}

    /** Creates the index and its triggers when missing; a new index over existing messages is filled from them. */
    static Future<Void> apply(SqlConnection conn) {
        return conn.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + TABLE + "'")
                .execute()
                .compose(rows -> {
                    boolean existed = rows.size() > 0;
                    Future<?> chain = Future.succeededFuture();
                    for (String statement : SCHEMA) {
                        chain = chain.compose(v -> conn.query(statement).execute());
                    }
                    return existed
                            ? chain.mapEmpty()
                            : chain.compose(
                                    v -> conn.query("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')")
                                            .execute()
                                            .mapEmpty());
                });
    }
}
