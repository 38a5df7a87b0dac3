package io.cial.knowledge.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * One knowledge as a turn receives it.
 *
 * @param root the absolute folder its files are in
 * @param files the files' paths relative to {@code root}, sorted, at most a capped number
 * @param truncated true when {@code files} stopped at its cap
 */
public record TurnKnowledge(
        String name, String description, String instructions, Path root, List<String> files, boolean truncated) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("name", name)
                .put("description", description)
                .put("instructions", instructions)
                .put("root", root.toString())
                .put("files", new JsonArray(List.copyOf(files)))
                .put("truncated", truncated);
    }
}
