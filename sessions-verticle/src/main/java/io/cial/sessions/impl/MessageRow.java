package io.cial.sessions.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * One stored message. {@code role} is user or assistant; {@code status} complete, cancelled or error; {@code parts}
 * holds an assistant message's tool uses and results in order; {@code attachments} the uploads a user message carried
 * ({@code id, name, contentType, size}).
 */
public record MessageRow(
        long pos,
        String id,
        String sessionId,
        String turnId,
        String role,
        String text,
        String status,
        JsonArray parts,
        JsonArray attachments,
        long createdAt) {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String COMPLETE = "complete";
    public static final String CANCELLED = "cancelled";
    public static final String ERROR = "error";

    static MessageRow from(Row row) {
        return new MessageRow(
                row.getLong("pos"),
                row.getString("id"),
                row.getString("session_id"),
                row.getString("turn_id"),
                row.getString("role"),
                row.getString("text"),
                row.getString("status"),
                new JsonArray(row.getString("parts")),
                new JsonArray(row.getString("attachments")),
                row.getLong("created_at"));
    }

    /** The API form (schema {@code Message}). */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("sessionId", sessionId)
                .put("turnId", turnId)
                .put("role", role)
                .put("text", text)
                .put("status", status)
                .put("parts", parts)
                .put("attachments", attachments)
                .put("createdAt", SessionRow.iso(createdAt));
    }
}
