package io.cial.vault.api;

/**
 * How a secret appears in every response but the manage-gated one: a fixed mask, followed by the last four characters
 * when the secret is long enough ({@value #MIN_LENGTH_FOR_HINT} characters) that four of them give little away. A
 * value that starts with the mask is a masked value: sent back in an update, it keeps the stored secret.
 */
public final class SecretMask {

    /** Eight bullets (U+2022). */
    public static final String MASK = "\u2022".repeat(8);

    public static final int MIN_LENGTH_FOR_HINT = 12;
    private static final int HINT_LENGTH = 4;

    private SecretMask() {}

    public static String mask(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH_FOR_HINT) {
            return MASK;
        }
        return MASK + secret.substring(secret.length() - HINT_LENGTH);
    }

    public static boolean isMasked(String value) {
        return value != null && value.startsWith(MASK);
    }
}
