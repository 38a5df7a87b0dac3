package io.cial.sessions.engine;

import io.cial.sessions.api.Provider;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Where an engine gets its model credential. The environment-based resolver reads the instance environment; the vault
 * replaces it with a bus call. Credentials are handed to the engine's environment only, never logged or returned.
 */
public interface CredentialResolver {

    /**
     * The environment variables that give {@code provider}'s engine its credential for {@code userId}.
     *
     * @return fails with {@code no_credential} when none is configured
     */
    Future<Map<String, String>> resolve(Provider provider, String userId);

    /** Whether a credential for {@code provider} is configured for {@code userId}. */
    Future<Boolean> available(Provider provider, String userId);

    /** A new session's provider: claude when it has a credential, else the offline demo. */
    default Future<Provider> defaultProvider(String userId) {
        return available(Provider.CLAUDE, userId).map(yes -> yes ? Provider.CLAUDE : Provider.DEMO);
    }
}
