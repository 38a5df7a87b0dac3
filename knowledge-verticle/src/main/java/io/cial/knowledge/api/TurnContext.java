package io.cial.knowledge.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the knowledges of one turn give the engine: the reply of {@code knowledge.resolveForTurn}.
 *
 * @param systemPrompt text for the engine's appended system prompt, empty when no knowledge applies
 */
public record TurnContext(List<TurnKnowledge> knowledges, String systemPrompt) {

    public JsonObject toJson() {
        JsonArray items = new JsonArray();
        knowledges.forEach(knowledge -> items.add(knowledge.toJson()));
        return new JsonObject().put("knowledges", items).put("systemPrompt", systemPrompt);
    }
}
