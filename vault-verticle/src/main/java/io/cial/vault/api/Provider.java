package io.cial.vault.api;

import io.cial.protocol.ApiException;
import java.util.Arrays;
import java.util.List;

/**
 * The engine provider of a session, which decides the kinds of credential a turn can use, in order of preference
 * within one tier. {@link #DEMO} is the offline engine and needs none.
 */
public enum Provider {
    CLAUDE("claude", List.of(AccountKind.ANTHROPIC_API_KEY, AccountKind.ANTHROPIC_OAUTH)),
    KIMI("kimi", List.of(AccountKind.KIMI_API_KEY)),
    DEMO("demo", List.of());

    private final String wire;
    private final List<AccountKind> accountKinds;

    Provider(String wire, List<AccountKind> accountKinds) {
        this.wire = wire;
        this.accountKinds = accountKinds;
    }

    public String wire() {
        return wire;
    }

    /** The account kinds that serve this provider, the preferred first. */
    public List<AccountKind> accountKinds() {
        return accountKinds;
    }

    /** @throws ApiException {@code validation_failed} naming {@code field} for an unknown or missing provider */
    public static Provider fromWire(String value, String field) {
        return Arrays.stream(values())
                .filter(provider -> provider.wire.equals(value))
                .findFirst()
                .orElseThrow(() -> ApiException.validation("%s must be one of claude, kimi, demo", field));
    }
}
