package io.cial.vault.impl;

import io.cial.vault.api.Scope;
import java.time.Instant;

/**
 * A started, not yet completed OAuth sign-in: the state the provider echoes back, whose account it will become, and
 * the PKCE code verifier, which never leaves the server.
 */
record OAuthFlow(String state, Scope scope, String ownerId, String verifier, Instant expiresAt) {}
