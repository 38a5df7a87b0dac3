package io.cial.vault.impl;

import java.time.Instant;

/**
 * What a token endpoint granted.
 *
 * @param refreshToken null when the endpoint sent none (keep the previous one on refresh)
 * @param expiresAt null when the endpoint sent no {@code expires_in}
 */
record TokenSet(String accessToken, String refreshToken, Instant expiresAt) {}
