package io.cial.vault.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One PKCE pair (RFC 7636, method S256) and the OAuth state of a sign-in. Random draws and hashing: call {@link
 * #create()} on a worker.
 *
 * @param verifier 43 base64url characters from 32 random bytes; stays on the server
 * @param challenge base64url(SHA-256(verifier)), sent in the authorization URL
 * @param state 43 base64url characters from 32 random bytes, echoed back by the provider
 */
record Pkce(String verifier, String challenge, String state) {

    static final String METHOD = "S256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    static Pkce create() {
        String verifier = randomToken();
        return new Pkce(verifier, challengeOf(verifier), randomToken());
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
