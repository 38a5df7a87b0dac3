package io.cial.sessions.uploads;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One stored upload.
 *
 * @param id {@code up_} and 32 hex digits, the only name the file has on disk (plus its extension)
 * @param owner the user it belongs to; no other user ever sees it
 * @param name the original file name, NFC, kept for display and downloads only
 * @param contentType a valid lower-case {@code type/subtype}
 * @param stored the file's name inside the owner's folder
 */
public record Upload(
        String id, String owner, String name, String contentType, long size, String stored, Instant createdAt) {

    /** The API form; the owner and the storage name stay inside the area. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("name", name)
                .put("contentType", contentType)
                .put("size", size)
                .put("createdAt", createdAt.toString());
    }
}
