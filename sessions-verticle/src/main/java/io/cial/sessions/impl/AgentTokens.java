package io.cial.sessions.impl;

import io.cial.protocol.AuthActions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Per-turn agent tokens: {@code cial_at_} plus 32 random bytes in base64url. Only the SHA-256 of a token is stored (on
 * the turn's row, cleared when the turn ends), so the database never holds a usable token. Randomness and hashing run
 * on workers.
 */
public final class AgentTokens {

    /** A freshly minted token and the hash to store. The token itself goes only to the engine's environment. */
    public record Minted(String token, String hash) {}

    private static final int TOKEN_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 128;

    private final Vertx vertx;
    private final SecureRandom random = new SecureRandom();

    public AgentTokens(Vertx vertx) {
        this.vertx = vertx;
    }

    public Future<Minted> mint() {
        return vertx.executeBlocking(
                () -> {
                    byte[] bytes = new byte[TOKEN_BYTES];
                    random.nextBytes(bytes);
                    String token = AuthActions.AGENT_TOKEN_PREFIX
                            + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    return new Minted(token, hash(token));
                },
                false);
    }

    /** The stored form of a presented token, or null when it cannot be an agent token at all. */
    public Future<String> hashOf(String token) {
        if (token == null || !token.startsWith(AuthActions.AGENT_TOKEN_PREFIX) || token.length() > MAX_TOKEN_LENGTH) {
            return Future.succeededFuture(null);
        }
        return vertx.executeBlocking(() -> hash(token), false);
    }

    static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
