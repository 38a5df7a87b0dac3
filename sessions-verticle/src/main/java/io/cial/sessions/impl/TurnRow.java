package io.cial.sessions.impl;

import io.cial.protocol.ErrorCode;
import io.cial.sessions.api.Provider;
import io.vertx.sqlclient.Row;

/**
 * One turn's process-state record: enough to re-attach to its engine after a restart. {@code pid} and {@code
 * processStart} (the kernel's start time in clock ticks) identify the engine process even if its pid is reused; {@code
 * logOffset} is the byte position up to which the log's lines are stored as events.
 */
public record TurnRow(
        String id,
        String sessionId,
        String userId,
        Provider provider,
        String status,
        Long pid,
        Long processStart,
        String logPath,
        long logOffset,
        boolean cancelRequested,
        String error,
        long startedAt,
        Long endedAt) {

    public static final String RUNNING = "running";

    static TurnRow from(Row row) {
        return new TurnRow(
                row.getString("id"),
                row.getString("session_id"),
                row.getString("user_id"),
                Provider.parse(row.getString("provider"), ErrorCode.INTERNAL, "provider"),
                row.getString("status"),
                row.getLong("pid"),
                row.getLong("process_start"),
                row.getString("log_path"),
                row.getLong("log_offset"),
                row.getLong("cancel_requested") != 0,
                row.getString("error"),
                row.getLong("started_at"),
                row.getLong("ended_at"));
    }
}
