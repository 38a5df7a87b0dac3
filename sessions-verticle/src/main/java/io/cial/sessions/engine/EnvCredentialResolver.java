package io.cial.sessions.engine;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.sessions.api.Provider;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Credentials from the instance environment: for claude, {@code ANTHROPIC_API_KEY} or {@code CLAUDE_CODE_OAUTH_TOKEN}
 * (plus {@code ANTHROPIC_BASE_URL} when set); for kimi, {@code KIMI_API_KEY} against {@code KIMI_BASE_URL} (default
 * {@value #DEFAULT_KIMI_BASE_URL}); the demo needs none.
 */
public final class EnvCredentialResolver implements CredentialResolver {

    public static final String ANTHROPIC_API_KEY = "ANTHROPIC_API_KEY";
    public static final String CLAUDE_CODE_OAUTH_TOKEN = "CLAUDE_CODE_OAUTH_TOKEN";
    public static final String ANTHROPIC_BASE_URL = "ANTHROPIC_BASE_URL";
    public static final String KIMI_API_KEY = "KIMI_API_KEY";
    public static final String KIMI_BASE_URL = "KIMI_BASE_URL";
    public static final String DEFAULT_KIMI_BASE_URL = "https://api.moonshot.ai/anthropic";

    private final JsonObject env;

    public EnvCredentialResolver(JsonObject env) {
        this.env = env;
    }

    @Override
    public Future<Map<String, String>> resolve(Provider provider, String userId) {
        return switch (provider) {
            case DEMO -> Future.succeededFuture(Map.of());
            case CLAUDE -> claude();
            case KIMI -> kimi();
        };
    }

    @Override
    public Future<Boolean> available(Provider provider, String userId) {
        return Future.succeededFuture(
                switch (provider) {
                    case DEMO -> true;
                    case CLAUDE -> has(ANTHROPIC_API_KEY) || has(CLAUDE_CODE_OAUTH_TOKEN);
                    case KIMI -> has(KIMI_API_KEY);
                });
    }

    private Future<Map<String, String>> claude() {
        Map<String, String> out = new HashMap<>();
        copy(ANTHROPIC_API_KEY, out);
        copy(CLAUDE_CODE_OAUTH_TOKEN, out);
        if (out.isEmpty()) {
            return Future.failedFuture(ApiException.of(
                    ErrorCode.NO_CREDENTIAL,
                    "no Anthropic credential is configured: set %s or %s, or use the demo provider",
                    ANTHROPIC_API_KEY,
                    CLAUDE_CODE_OAUTH_TOKEN));
        }
        copy(ANTHROPIC_BASE_URL, out);
        return Future.succeededFuture(out);
    }

    private Future<Map<String, String>> kimi() {
        if (!has(KIMI_API_KEY)) {
            return Future.failedFuture(
                    ApiException.of(ErrorCode.NO_CREDENTIAL, "no Kimi credential is configured: set %s", KIMI_API_KEY));
        }
        String baseUrl = has(KIMI_BASE_URL) ? env.getString(KIMI_BASE_URL) : DEFAULT_KIMI_BASE_URL;
        return Future.succeededFuture(
                Map.of(ANTHROPIC_API_KEY, env.getString(KIMI_API_KEY), ANTHROPIC_BASE_URL, baseUrl));
    }

    private boolean has(String key) {
        return env.getValue(key) instanceof String value && !value.isBlank();
    }

    private void copy(String key, Map<String, String> out) {
        if (has(key)) {
            out.put(key, env.getString(key));
        }
    }
}
