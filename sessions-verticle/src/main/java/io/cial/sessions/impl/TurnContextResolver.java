package io.cial.sessions.impl;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.KnowledgeActions;
import io.cial.protocol.UploadsActions;
import io.cial.protocol.VaultActions;
import io.cial.sessions.api.Provider;
import io.cial.sessions.engine.TurnContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a turn by asking the areas that own its context, in order, before anything is stored or spawned: the vault
 * ({@link VaultActions#RESOLVE_FOR_TURN}: credential and tools; skipped for the demo, which needs neither), the
 * knowledges ({@link KnowledgeActions#RESOLVE_FOR_TURN}, when the turn names one or its text @-mentions something) and
 * the uploads ({@link UploadsActions#RESOLVE_FOR_TURN}, when the turn attaches any). The first failure ends the
 * preparation with that area's error: {@code no_credential}, {@code not_found} naming unknown knowledges or uploads,
 * or {@code area_unavailable}. Replies carry secrets; nothing here logs them.
 */
public final class TurnContextResolver {

    private static final Logger LOG = LoggerFactory.getLogger(TurnContextResolver.class);

    private final AreaCalls areas;

    public TurnContextResolver(Vertx vertx) {
        this.areas = new AreaCalls(vertx);
    }

    /** The context of one turn of {@code sessionId} run by {@code provider}. */
    public Future<TurnContext> resolve(String userId, String sessionId, Provider provider, TurnRequest request) {
        Parts parts = new Parts();
        return vault(userId, sessionId, provider)
                .map(parts::vault)
                .compose(v -> knowledge(userId, request))
                .map(parts::knowledge)
                .compose(v -> uploads(userId, request))
                .map(parts::uploads)
                .map(v -> parts.context());
    }

    /** A new session's provider: claude when the vault finds a credential for it, else the offline demo. */
    public Future<Provider> defaultProvider(String userId, String sessionId) {
        return vault(userId, sessionId, Provider.CLAUDE).map(Provider.CLAUDE).recover(e -> {
            if (e instanceof ApiException api && api.code() == ErrorCode.NO_CREDENTIAL) {
                return Future.succeededFuture(Provider.DEMO);
            }
            return Future.failedFuture(e);
        });
    }

    /** Tells the vault a session is gone, so its tool overrides go too; a failure is logged, never raised. */
    public Future<Void> forgetSession(String userId, String sessionId) {
        JsonObject request = new JsonObject().put("userId", userId).put("sessionId", sessionId);
        return areas.request(Addresses.VAULT, VaultActions.FORGET_SESSION, request)
                .<Void>mapEmpty()
                .otherwise(e -> {
                    LOG.warn("[sessions] the vault did not forget session {}: {}", sessionId, e.getMessage());
                    return null;
                });
    }

    private Future<JsonObject> vault(String userId, String sessionId, Provider provider) {
        if (provider == Provider.DEMO) {
            return Future.succeededFuture(new JsonObject());
        }
        JsonObject request = new JsonObject()
                .put("userId", userId)
                .put("sessionId", sessionId)
                .put("provider", provider.wire());
        return areas.request(Addresses.VAULT, VaultActions.RESOLVE_FOR_TURN, request);
    }

    private Future<JsonObject> knowledge(String userId, TurnRequest request) {
        if (request.knowledges().isEmpty() && !request.text().contains("@")) {
            return Future.succeededFuture(new JsonObject());
        }
        JsonObject body = new JsonObject()
                .put("userId", userId)
                .put("names", new JsonArray(request.knowledges()))
                .put("text", request.text());
        return areas.request(Addresses.KNOWLEDGE, KnowledgeActions.RESOLVE_FOR_TURN, body);
    }

    private Future<JsonObject> uploads(String userId, TurnRequest request) {
        if (request.attachments().isEmpty()) {
            return Future.succeededFuture(new JsonObject());
        }
        JsonObject body = new JsonObject().put("userId", userId).put("ids", new JsonArray(request.attachments()));
        return areas.request(Addresses.UPLOADS, UploadsActions.RESOLVE_FOR_TURN, body);
    }

    /** The replies read into the parts of a {@link TurnContext}, one area at a time. */
    private static final class Parts {
        private Map<String, String> credential = Map.of();
        private Map<String, String> envTools = Map.of();
        private JsonObject mcpServers = new JsonObject();
        private final List<TurnContext.Note> notes = new ArrayList<>();
        private String knowledgePrompt = "";
        private final List<Path> roots = new ArrayList<>();
        private final List<TurnContext.Attachment> attachments = new ArrayList<>();

        Void vault(JsonObject reply) {
            credential =
                    strings(reply.getJsonObject("credential", new JsonObject()).getJsonObject("env"));
            envTools = strings(reply.getJsonObject("env"));
            mcpServers = reply.getJsonObject("mcpServers", new JsonObject());
            reply.getJsonArray("markdown", new JsonArray()).stream()
                    .map(JsonObject.class::cast)
                    .forEach(md -> notes.add(new TurnContext.Note(md.getString("name"), md.getString("text", ""))));
            return null;
        }

        Void knowledge(JsonObject reply) {
            knowledgePrompt = reply.getString("systemPrompt", "");
            reply.getJsonArray("knowledges", new JsonArray()).stream()
                    .map(JsonObject.class::cast)
                    .forEach(k -> roots.add(Path.of(k.getString("root"))));
            return null;
        }

        Void uploads(JsonObject reply) {
            reply.getJsonArray("attachments", new JsonArray()).stream()
                    .map(JsonObject.class::cast)
                    .forEach(a -> attachments.add(new TurnContext.Attachment(
                            a.getString("id"),
                            a.getString("name"),
                            a.getString("contentType"),
                            a.getLong("size", 0L),
                            Path.of(a.getString("path")))));
            return null;
        }

        TurnContext context() {
            return new TurnContext(credential, envTools, mcpServers, notes, knowledgePrompt, roots, attachments);
        }

        private static Map<String, String> strings(JsonObject json) {
            Map<String, String> out = new HashMap<>();
            if (json != null) {
                json.forEach(e -> {
                    if (e.getValue() instanceof String value) {
                        out.put(e.getKey(), value);
                    }
                });
            }
            return out;
        }
    }
}
