package io.cial.vault.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A model account with its secrets in clear (the store seals them at rest). {@link #toJson()} masks them.
 *
 * @param source the tier it is stored in, or {@link CredentialSource#ENVIRONMENT} for a read-only variable of the
 *     server's environment
 * @param ownerId the owning user's id, the empty string for the instance, null for the environment
 * @param secret the API key or OAuth access token
 * @param refreshToken the OAuth refresh token, or null
 * @param expiresAt when the access token expires, or null when unknown or never
 */
public record Account(
        String id,
        CredentialSource source,
        String ownerId,
        AccountKind kind,
        String secret,
        String refreshToken,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt) {

    /** A read-only account standing for a variable of the server's environment. */
    public static Account fromEnvironment(AccountKind kind, String secret) {
        return new Account(
                "env_" + kind.wire(), CredentialSource.ENVIRONMENT, null, kind, secret, null, null, null, null);
    }

    public boolean refreshable() {
        return refreshToken != null;
    }

    /** Whether the access token expires before {@code moment}. */
    public boolean expiresBefore(Instant moment) {
        return expiresAt != null && expiresAt.isBefore(moment);
    }

    /** The response form, secrets masked. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("scope", source.wire())
                .put("kind", kind.wire())
                .put("provider", kind.provider())
                .put("secret", SecretMask.mask(secret))
                .put("expiresAt", expiresAt == null ? null : expiresAt.toString())
                .put("refreshable", refreshable())
                .put("readOnly", source == CredentialSource.ENVIRONMENT)
                .put("createdAt", createdAt == null ? null : createdAt.toString())
                .put("updatedAt", updatedAt == null ? null : updatedAt.toString());
    }
}
