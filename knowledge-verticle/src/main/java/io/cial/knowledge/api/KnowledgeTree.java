package io.cial.knowledge.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The entries below a folder of a knowledge, depth first in path order.
 *
 * @param truncated true when the listing stopped at its cap and more entries exist
 */
public record KnowledgeTree(List<KnowledgeEntry> entries, boolean truncated) {

    public JsonObject toJson() {
        JsonArray items = new JsonArray();
        entries.forEach(entry -> items.add(entry.toJson()));
        return new JsonObject().put("entries", items).put("truncated", truncated);
    }
}
