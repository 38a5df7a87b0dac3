package io.cial.vault.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.ReservedEnv;
import io.cial.vault.VaultConfig;
import io.cial.vault.api.Account;
import io.cial.vault.api.Provider;
import io.cial.vault.api.Tool;
import io.cial.vault.api.ToolKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code vault.resolveForTurn} (contract in {@link io.cial.protocol.VaultActions}): the credential and the
 * enabled tools of one turn, in the shapes the engine consumes. The reply holds secrets; nothing here logs it.
 */
final class TurnResolver {

    private static final Logger LOG = LoggerFactory.getLogger(TurnResolver.class);

    private final VaultConfig config;
    private final AccountService accounts;
    private final ToolService tools;

    TurnResolver(VaultConfig config, AccountService accounts, ToolService tools) {
        this.config = config;
        this.accounts = accounts;
        this.tools = tools;
    }

    /** @throws ApiException {@code no_credential} before anything else when the provider has no usable credential */
    Future<JsonObject> resolve(JsonObject request) {
        String userId = required(request, "userId");
        String sessionId = required(request, "sessionId");
        Provider provider = Provider.fromWire(Fields.string(request, "provider"), "provider");
        return credential(userId, provider).compose(credential -> tools.forTurn(userId, sessionId)
                .map(enabled -> toolsJson(enabled).put("credential", credential)));
    }

    /** Drops a deleted session's overrides: {@code {"removed": n}}. */
    Future<JsonObject> forgetSession(JsonObject request) {
        String userId = required(request, "userId");
        String sessionId = required(request, "sessionId");
        return tools.forgetSession(userId, sessionId).map(removed -> new JsonObject().put("removed", removed));
    }

    private Future<JsonObject> credential(String userId, Provider provider) {
        if (provider == Provider.DEMO) {
            return Future.succeededFuture(new JsonObject()
                    .put("provider", provider.wire())
                    .put("kind", "none")
                    .put("source", "none")
                    .put("env", new JsonObject()));
        }
        return accounts.resolve(userId, provider).map(account -> {
            if (account == null) {
                throw ApiException.of(ErrorCode.NO_CREDENTIAL, noCredentialMessage(provider));
            }
            return credentialJson(provider, account);
        });
    }

    private JsonObject credentialJson(Provider provider, Account account) {
        JsonObject env = new JsonObject();
        JsonObject credential = new JsonObject()
                .put("provider", provider.wire())
                .put("kind", account.kind().wire())
                .put("source", account.source().wire())
                .put("env", env);
        switch (account.kind()) {
            case ANTHROPIC_API_KEY -> env.put("ANTHROPIC_API_KEY", account.secret());
            case ANTHROPIC_OAUTH -> env.put("CLAUDE_CODE_OAUTH_TOKEN", account.secret());
            case KIMI_API_KEY -> {
                env.put("ANTHROPIC_BASE_URL", config.kimiBaseUrl());
                env.put("ANTHROPIC_AUTH_TOKEN", account.secret());
                env.put("ANTHROPIC_MODEL", config.kimiModel());
                env.put("ANTHROPIC_SMALL_FAST_MODEL", config.kimiModel());
                credential.put("model", config.kimiModel());
            }
        }
        if (provider == Provider.CLAUDE && config.anthropicBaseUrl() != null) {
            env.put("ANTHROPIC_BASE_URL", config.anthropicBaseUrl());
        }
        return credential;
    }

    private JsonObject toolsJson(List<Tool> enabled) {
        JsonObject env = new JsonObject();
        JsonObject mcpServers = new JsonObject();
        JsonArray markdown = new JsonArray();
        for (Tool tool : enabled) {
            switch (tool.kind()) {
                case ENV -> addEnv(env, tool);
                case MCP -> mcpServers.put(tool.name(), mcpServer(tool.config()));
                case MARKDOWN -> {}
            }
        }
        enabled.stream()
                .filter(tool -> tool.kind() == ToolKind.MARKDOWN)
                .sorted(Comparator.comparing(Tool::name))
                .forEach(tool -> markdown.add(new JsonObject()
                        .put("name", tool.name())
                        .put("text", tool.config().getString("text"))));
        return new JsonObject().put("env", env).put("mcpServers", mcpServers).put("markdown", markdown);
    }

    private static void addEnv(JsonObject env, Tool tool) {
        // The reserved list may have grown since the tool was stored; the server's own variables still win.
        if (ReservedEnv.isReserved(tool.name())) {
            LOG.warn("[vault] env tool {} ({}) names a reserved variable and is left out", tool.id(), tool.name());
            return;
        }
        env.put(tool.name(), tool.config().getString("value"));
    }

    private static JsonObject mcpServer(JsonObject config) {
        if ("http".equals(config.getString("transport"))) {
            return new JsonObject()
                    .put("type", "http")
                    .put("url", config.getString("url"))
                    .put(
                            "headers",
                            config.getJsonObject("headers", new JsonObject()).copy());
        }
        return new JsonObject()
                .put("command", config.getString("command"))
                .put("args", config.getJsonArray("args", new JsonArray()).copy())
                .put("env", config.getJsonObject("env", new JsonObject()).copy());
    }

    private static String noCredentialMessage(Provider provider) {
        return provider == Provider.KIMI
                ? "no credential for the kimi provider: add a Kimi API key to your accounts or the instance's, or set"
                        + " KIMI_API_KEY in the server's environment"
                : "no credential for the claude provider: add an Anthropic API key or OAuth token to your accounts or"
                        + " the instance's, or set ANTHROPIC_API_KEY or CLAUDE_CODE_OAUTH_TOKEN in the server's"
                        + " environment";
    }

    private static String required(JsonObject request, String field) {
        if (!(request.getValue(field) instanceof String value) || value.isBlank()) {
            throw ApiException.validation("%s is required", field);
        }
        return value;
    }
}
