package io.cial.sessions;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.AreaDispatcher;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.VaultActions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the vault area on {@link Addresses#VAULT} (this module may not depend on it): answers {@link
 * VaultActions#RESOLVE_FOR_TURN} in the vault's reply shape with a credential and tools set by the test, fails {@code
 * no_credential} when no credential is set, and records every request, including {@link
 * VaultActions#FORGET_SESSION}.
 */
final class FakeVault {

    static final String NO_CREDENTIAL = "fake vault: no credential for the %s provider";

    private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> credential = Map.of();
    private volatile JsonObject tools = toolsReply(new JsonObject(), new JsonObject(), new JsonArray());
    private final MessageConsumer<JsonObject> consumer;

    FakeVault(Vertx vertx) {
        this.consumer = new AreaDispatcher("fake-vault")
                .internal(VaultActions.RESOLVE_FOR_TURN, this::resolve)
                .internal(VaultActions.FORGET_SESSION, this::forget)
                .register(vertx, Addresses.VAULT);
        consumer.completion().await();
    }

    /** The credential env every claude and kimi turn gets; empty for none ({@code no_credential}). */
    FakeVault credential(Map<String, String> env) {
        this.credential = Map.copyOf(env);
        return this;
    }

    /** The tools every turn gets, in the vault's reply shape. */
    FakeVault tools(JsonObject env, JsonObject mcpServers, JsonArray markdown) {
        this.tools = toolsReply(env, mcpServers, markdown);
        return this;
    }

    /** Every request received, with the action under {@code "action"}. */
    List<JsonObject> requests() {
        return List.copyOf(requests);
    }

    private Future<JsonObject> resolve(JsonObject request) {
        requests.add(request.copy().put("action", VaultActions.RESOLVE_FOR_TURN));
        String provider = request.getString("provider");
        if (credential.isEmpty()) {
            return Future.failedFuture(ApiException.of(ErrorCode.NO_CREDENTIAL, NO_CREDENTIAL, provider));
        }
        JsonObject env = new JsonObject();
        credential.forEach(env::put);
        return Future.succeededFuture(tools.copy().put("credential", new JsonObject().put("env", env)));
    }

    private Future<JsonObject> forget(JsonObject request) {
        requests.add(request.copy().put("action", VaultActions.FORGET_SESSION));
        return Future.succeededFuture(new JsonObject().put("removed", 0));
    }

    private static JsonObject toolsReply(JsonObject env, JsonObject mcpServers, JsonArray markdown) {
        return new JsonObject().put("env", env).put("mcpServers", mcpServers).put("markdown", markdown);
    }
}
