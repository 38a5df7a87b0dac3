package io.cial.vault.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.Principal;
import io.cial.vault.api.Scope;
import io.cial.vault.api.Tool;
import io.cial.vault.api.ToolKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools of both tiers: who may see and change which, validation, the per-session overrides, and the set of
 * tools a turn gets. Callers see their own tools and the instance's; another user's tool is reported missing.
 */
final class ToolService {

    private final ToolStore store;

    ToolService(ToolStore store) {
        this.store = store;
    }

    Future<List<Tool>> list(Principal principal, Scope scope, ToolKind kind) {
        return store.visibleTo(principal.userId()).map(tools -> tools.stream()
                .filter(tool -> scope == null || tool.scope() == scope)
                .filter(tool -> kind == null || tool.kind() == kind)
                .toList());
    }

    /** @throws ApiException {@code not_found} unless the tool exists and the caller can see it */
    Future<Tool> get(Principal principal, String id) {
        return store.find(id).map(tool -> {
            if (tool == null || !tool.visibleTo(principal.userId())) {
                throw ApiException.notFound("tool '%s' not found", id);
            }
            return tool;
        });
    }

    Future<Tool> create(Principal principal, JsonObject body) {
        Gate.requireManage(principal, "create tools");
        ToolKind kind = ToolKind.fromWire(Fields.string(body, "kind"), "kind");
        Scope scope = Scope.fromWire(Fields.string(body, "scope"), "scope");
        Instant now = Instant.now();
        Tool tool = new Tool(
                Gate.newId("tool"),
                scope,
                scope.ownerOf(principal.userId()),
                kind,
                ToolValidator.name(kind, Fields.string(body, "name")),
                ToolValidator.description(Fields.string(body, "description")),
                Fields.bool(body, "enabled", true),
                ToolValidator.config(kind, Fields.object(body, "config"), null),
                now,
                now);
        return store.insert(tool);
    }

    /** Applies a PATCH: name, description, enabled, and a config that replaces the stored one (masks keep secrets). */
    Future<Tool> update(Principal principal, String id, JsonObject body) {
        Gate.requireManage(principal, "change tools");
        return get(principal, id).compose(stored -> store.update(patched(stored, body)));
    }

    Future<Void> delete(Principal principal, String id) {
        Gate.requireManage(principal, "delete tools");
        return get(principal, id).compose(tool -> store.delete(tool.id())).mapEmpty();
    }

    Future<Tool> setEnabled(Principal principal, String id, boolean enabled) {
        Gate.requireManage(principal, enabled ? "enable tools" : "disable tools");
        return get(principal, id).compose(tool -> store.update(tool.withEnabled(enabled, Instant.now())));
    }

    /** The unmasked tool, behind the manage gate; the gate is checked before the lookup so it reveals nothing. */
    Future<Tool> secretConfig(Principal principal, String id) {
        Gate.requireManage(principal, "read a tool's unmasked config");
        return get(principal, id);
    }

    /** The session's view: each visible tool with its own flag, the session's override and the effective state. */
    Future<JsonObject> sessionTools(Principal principal, String sessionId) {
        return store.visibleTo(principal.userId()).compose(tools -> store.overrides(principal.userId(), sessionId)
                .map(overrides -> SessionTools.toJson(sessionId, tools, overrides)));
    }

    /** Replaces the session's overrides. @throws ApiException {@code not_found} naming an unknown tool id */
    Future<JsonObject> setSessionTools(Principal principal, String sessionId, JsonObject overrides) {
        Gate.requireManage(principal, "change a session's tools");
        Map<String, Boolean> wanted = SessionTools.overrides(overrides);
        return store.visibleTo(principal.userId())
                .compose(tools -> {
                    SessionTools.requireKnown(wanted.keySet(), tools);
                    return store.replaceOverrides(principal.userId(), sessionId, wanted);
                })
                .compose(v -> sessionTools(principal, sessionId));
    }

    /**
     * The tools a turn of the session gets: effective-enabled (the session's override, else the tool's flag), and of
     * a user tool and an instance tool of the same kind and name only the user's.
     */
    Future<List<Tool>> forTurn(String userId, String sessionId) {
        return store.visibleTo(userId)
                .compose(tools -> store.overrides(userId, sessionId).map(overrides -> {
                    Map<String, Tool> byKindAndName = new LinkedHashMap<>();
                    tools.stream()
                            .filter(tool -> overrides.getOrDefault(tool.id(), tool.enabled()))
                            .forEach(tool -> byKindAndName.putIfAbsent(tool.kind() + "/" + tool.name(), tool));
                    return List.copyOf(byKindAndName.values());
                }));
    }

    Future<Integer> forgetSession(String userId, String sessionId) {
        return store.forgetSession(userId, sessionId);
    }

    private static Tool patched(Tool stored, JsonObject body) {
        String name = body.containsKey("name")
                ? ToolValidator.name(stored.kind(), Fields.string(body, "name"))
                : stored.name();
        String description = body.containsKey("description")
                ? ToolValidator.description(Fields.string(body, "description"))
                : stored.description();
        JsonObject config = body.containsKey("config")
                ? ToolValidator.config(stored.kind(), Fields.object(body, "config"), stored.config())
                : stored.config();
        return new Tool(
                stored.id(),
                stored.scope(),
                stored.ownerId(),
                stored.kind(),
                name,
                description,
                Fields.bool(body, "enabled", stored.enabled()),
                config,
                stored.createdAt(),
                Instant.now());
    }
}
