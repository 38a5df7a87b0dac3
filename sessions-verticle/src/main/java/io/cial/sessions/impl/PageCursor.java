package io.cial.sessions.impl;

import io.cial.protocol.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque paging cursor: the position of the last item of a page (a number such as a time or a row position, and an
 * id that breaks ties). Clients pass {@code nextCursor} back unchanged; anything else is a validation error.
 */
public record PageCursor(long number, String id) {

    public String encode() {
        String raw = number + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor, or returns null for none. */
    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new PageCursor(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw ApiException.validation("query parameter 'cursor' is not a cursor this server issued");
        }
    }
}
