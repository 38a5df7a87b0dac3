package io.cial.vault.impl;

import io.cial.protocol.ApiException;
import io.cial.vault.api.Tool;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The wire forms of a session's tool controls. */
final class SessionTools {

    private SessionTools() {}

    /** {@code {"sessionId", "items": [{id, scope, kind, name, enabled, override, effective}]}} */
    static JsonObject toJson(String sessionId, List<Tool> tools, Map<String, Boolean> overrides) {
        JsonArray items = new JsonArray();
        for (Tool tool : tools) {
            Boolean override = overrides.get(tool.id());
            items.add(new JsonObject()
                    .put("id", tool.id())
                    .put("scope", tool.scope().wire())
                    .put("kind", tool.kind().wire())
                    .put("name", tool.name())
                    .put("enabled", tool.enabled())
                    .put("override", override)
                    .put("effective", override == null ? tool.enabled() : override));
        }
        return new JsonObject().put("sessionId", sessionId).put("items", items);
    }

    /** Reads {@code {"overrides": {toolId: boolean}}}. */
    static Map<String, Boolean> overrides(JsonObject body) {
        Object raw = body.getValue("overrides");
        if (!(raw instanceof JsonObject map)) {
            throw ApiException.validation("overrides is required and must be an object of tool id to boolean");
        }
        Map<String, Boolean> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : map) {
            if (!(entry.getValue() instanceof Boolean enabled)) {
                throw ApiException.validation("overrides.%s must be true or false", entry.getKey());
            }
            overrides.put(entry.getKey(), enabled);
        }
        return overrides;
    }

    /** @throws ApiException {@code not_found} naming the first id that is not one of {@code visible} */
    static void requireKnown(Collection<String> ids, List<Tool> visible) {
        Set<String> known = visible.stream().map(Tool::id).collect(Collectors.toSet());
        ids.stream().filter(id -> !known.contains(id)).findFirst().ifPresent(id -> {
            throw ApiException.notFound("tool '%s' not found", id);
        });
    }
}
