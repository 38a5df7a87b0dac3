package io.cial.sessions.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * One message that matched a search, with its excerpt. The index marks each match in the excerpt with {@link #OPEN}
 * and {@link #CLOSE}; the API form carries the excerpt three ways: plain text, the character ranges of the matches in
 * it, and an HTML fragment (text escaped, matches in {@code <mark>}) that is safe to insert as markup.
 */
record SearchHit(
        long pos,
        String messageId,
        String sessionId,
        String sessionName,
        String turnId,
        String role,
        long createdAt,
        String marked) {

    static final char OPEN = '\u0001';
    static final char CLOSE = '\u0002';

    static SearchHit from(Row row) {
        return new SearchHit(
                row.getLong("pos"),
                row.getString("id"),
                row.getString("session_id"),
                row.getString("session_name"),
                row.getString("turn_id"),
                row.getString("role"),
                row.getLong("created_at"),
                row.getString("snippet"));
    }

    /** The API form (schema {@code SearchHit}). */
    JsonObject toJson() {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        JsonArray highlights = new JsonArray();
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == OPEN && start < 0) {
                start = text.length();
                html.append("<mark>");
            } else if (c == CLOSE && start >= 0) {
                highlights.add(new JsonArray().add(start).add(text.length()));
                html.append("</mark>");
                start = -1;
            } else if (c != OPEN && c != CLOSE) {
                text.append(c);
                escape(html, c);
            }
        }
        if (start >= 0) {
            html.append("</mark>");
            highlights.add(new JsonArray().add(start).add(text.length()));
        }
        return new JsonObject()
                .put("sessionId", sessionId)
                .put("sessionName", sessionName)
                .put("messageId", messageId)
                .put("turnId", turnId)
                .put("role", role)
                .put("createdAt", SessionRow.iso(createdAt))
                .put("snippet", html.toString())
                .put("snippetText", text.toString())
                .put("highlights", highlights);
    }

    private static void escape(StringBuilder html, char c) {
        switch (c) {
            case '<' -> html.append("&lt;");
            case '>' -> html.append("&gt;");
            case '&' -> html.append("&amp;");
            case '"' -> html.append("&quot;");
            case '\'' -> html.append("&#39;");
            default -> html.append(c);
        }
    }
}
