package io.cial.sessions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Writes straight into the area's database, for tests that need many messages without running a turn for each, or a
 * database as an older version of the server left it.
 */
final class MessagesTable {

    private MessagesTable() {}

    /** Stores one message of a session, as a turn would; @return its id */
    static String insert(Path dataDir, String sessionId, String role, String text) throws SQLException {
        String id = "msg_" + UUID.randomUUID();
        try (Connection c = connect(dataDir);
                PreparedStatement s = c.prepareStatement("INSERT INTO messages"
                        + " (id, session_id, turn_id, role, text, status, created_at)"
                        + " VALUES (?, ?, NULL, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, sessionId);
            s.setString(3, role);
            s.setString(4, text);
            s.setString(5, "complete");
            s.setLong(6, System.currentTimeMillis());
            s.executeUpdate();
        }
        return id;
    }

    /** Removes the full-text index and its triggers: the database as it was before search existed. */
    static void dropSearchIndex(Path dataDir) throws SQLException {
        try (Connection c = connect(dataDir);
                Statement s = c.createStatement()) {
            for (String trigger : new String[] {"messages_fts_insert", "messages_fts_delete", "messages_fts_update"}) {
                s.execute("DROP TRIGGER " + trigger);
            }
            s.execute("DROP TABLE messages_fts");
        }
    }

    /** Runs FTS5's own consistency check of the index against the messages; throws when they disagree. */
    static void checkSearchIndex(Path dataDir) throws SQLException {
        try (Connection c = connect(dataDir);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)");
        }
    }

    private static Connection connect(Path dataDir) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:sqlite:" + dataDir.resolve("sessions").resolve("sessions.db") + "?busy_timeout=10000");
    }
}
