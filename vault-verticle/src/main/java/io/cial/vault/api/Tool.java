package io.cial.vault.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One stored tool with its config in clear (the store seals the secrets at rest). {@link #toJson()} is the masked view
 * that every response uses; {@link #toSecretJson()} is the one unmasked view, for the manage-gated endpoint only.
 *
 * @param ownerId the owning user's id, or the empty string for an instance-wide tool
 * @param description free text, or null
 * @param config the kind-specific settings (see {@link ToolKind}), secrets in clear
 */
public record Tool(
        String id,
        Scope scope,
        String ownerId,
        ToolKind kind,
        String name,
        String description,
        boolean enabled,
        JsonObject config,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether a caller acting for {@code userId} can see this tool. */
    public boolean visibleTo(String userId) {
        return scope == Scope.INSTANCE || ownerId.equals(userId);
    }

    /** The response form, every secret masked. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("scope", scope.wire())
                .put("kind", kind.wire())
                .put("name", name)
                .put("description", description)
                .put("enabled", enabled)
                .put("config", ToolSecrets.masked(kind, config))
                .put("createdAt", createdAt.toString())
                .put("updatedAt", updatedAt.toString());
    }

    /** The unmasked form: only the manage-gated config endpoint may answer with it. */
    public JsonObject toSecretJson() {
        return new JsonObject()
                .put("id", id)
                .put("scope", scope.wire())
                .put("kind", kind.wire())
                .put("name", name)
                .put("config", config.copy());
    }

    public Tool withEnabled(boolean value, Instant now) {
        return new Tool(id, scope, ownerId, kind, name, description, value, config, createdAt, now);
    }
}
