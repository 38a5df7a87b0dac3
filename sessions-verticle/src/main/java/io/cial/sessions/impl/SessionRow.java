package io.cial.sessions.impl;

import io.cial.protocol.ErrorCode;
import io.cial.sessions.api.Provider;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;

/** One stored session. {@code status} is idle, running or error; times are epoch milliseconds. */
public record SessionRow(
        String id,
        String userId,
        String name,
        Provider provider,
        String model,
        String status,
        String engineSessionId,
        boolean engineStarted,
        String activeTurnId,
        long lastSeq,
        long createdAt,
        long updatedAt) {

    public static final String IDLE = "idle";
    public static final String RUNNING = "running";
    public static final String ERROR = "error";

    static SessionRow from(Row row) {
        return new SessionRow(
                row.getString("id"),
                row.getString("user_id"),
                row.getString("name"),
                Provider.parse(row.getString("provider"), ErrorCode.INTERNAL, "provider"),
                row.getString("model"),
                row.getString("status"),
                row.getString("engine_session_id"),
                row.getLong("engine_started") != 0,
                row.getString("active_turn_id"),
                row.getLong("last_seq"),
                row.getLong("created_at"),
                row.getLong("updated_at"));
    }

    /** The API form (schema {@code Session}); {@code streaming} is null when no turn runs. */
    public JsonObject toJson(JsonObject streaming) {
        return new JsonObject()
                .put("id", id)
                .put("name", name)
                .put("provider", provider.wire())
                .put("model", model)
                .put("status", status)
                .put("engineSessionId", engineSessionId)
                .put("activeTurnId", activeTurnId)
                .put("lastSeq", lastSeq)
                .put("createdAt", iso(createdAt))
                .put("updatedAt", iso(updatedAt))
                .put("streaming", streaming);
    }

    static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
