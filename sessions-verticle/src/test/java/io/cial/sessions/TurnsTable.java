package io.cial.sessions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Reads a turn's process-state record straight from the area's database, for tests that look at the process. */
final class TurnsTable {

    private TurnsTable() {}

    /** The engine pid of a turn, waiting briefly until it is recorded. */
    static long pid(Path dataDir, String turnId) throws Exception {
        String url = "jdbc:sqlite:" + dataDir.resolve("sessions").resolve("sessions.db");
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Connection c = DriverManager.getConnection(url);
                    PreparedStatement s = c.prepareStatement("SELECT pid FROM turns WHERE id = ?")) {
                s.setString(1, turnId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        return rs.getLong(1);
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("turn " + turnId + " has no recorded pid");
    }
}
