package io.cial.knowledge.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One knowledge base: a named folder of files plus the guide that tells the agent what is inside.
 *
 * @param name the unique name, {@code [a-z0-9][a-z0-9_-]{0,63}}, also used in {@code @name} mentions
 * @param description one line for people choosing a knowledge
 * @param instructions the guide given to the engine: what the files hold and when to use them
 * @param readOnly true for the built-in knowledge, whose files and metadata cannot change (403 {@code forbidden})
 * @param files how many files it holds
 * @param bytes their total size
 */
public record Knowledge(
        String name,
        String description,
        String instructions,
        boolean readOnly,
        Instant createdAt,
        Instant updatedAt,
        long files,
        long bytes) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("name", name)
                .put("description", description)
                .put("instructions", instructions)
                .put("readOnly", readOnly)
                .put("createdAt", createdAt.toString())
                .put("updatedAt", updatedAt.toString())
                .put("files", files)
                .put("bytes", bytes);
    }
}
