package io.cial.vault.api;

import io.cial.protocol.ApiException;
import java.util.Arrays;

/**
 * A kind of model account: what the secret is, which provider it serves, and which variable of the server's own
 * environment stands in for it when neither the user nor the instance has one.
 */
public enum AccountKind {
    ANTHROPIC_API_KEY("anthropic_api_key", "claude", "ANTHROPIC_API_KEY"),
    ANTHROPIC_OAUTH("anthropic_oauth", "claude", "CLAUDE_CODE_OAUTH_TOKEN"),
    KIMI_API_KEY("kimi_api_key", "kimi", "KIMI_API_KEY");

    private final String wire;
    private final String provider;
    private final String environmentVariable;

    AccountKind(String wire, String provider, String environmentVariable) {
        this.wire = wire;
        this.provider = provider;
        this.environmentVariable = environmentVariable;
    }

    public String wire() {
        return wire;
    }

    /** The wire name of the provider this account serves. */
    public String provider() {
        return provider;
    }

    /** The variable of the server's environment that is the last fallback for this kind. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /** @throws ApiException {@code validation_failed} naming {@code field} for an unknown kind */
    public static AccountKind fromWire(String value, String field) {
        return Arrays.stream(values())
                .filter(kind -> kind.wire.equals(value))
                .findFirst()
                .orElseThrow(() -> ApiException.validation(
                        "%s must be one of anthropic_api_key, anthropic_oauth, kimi_api_key", field));
    }
}
