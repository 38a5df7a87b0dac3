package io.cial.knowledge.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A file or folder inside a knowledge.
 *
 * @param path relative to the knowledge's root, '/'-separated, NFC
 * @param type {@code file} or {@code folder}
 * @param size the size in bytes (0 for a folder)
 */
public record KnowledgeEntry(String path, String type, long size, Instant modifiedAt) {

    public static final String FILE = "file";
    public static final String FOLDER = "folder";

    public JsonObject toJson() {
        return new JsonObject()
                .put("path", path)
                .put("type", type)
                .put("size", size)
                .put("modifiedAt", modifiedAt.toString());
    }
}
