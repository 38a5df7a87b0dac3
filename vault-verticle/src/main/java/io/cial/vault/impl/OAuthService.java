package io.cial.vault.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.cial.vault.VaultConfig;
import io.cial.vault.api.Account;
import io.cial.vault.api.AccountKind;
import io.cial.vault.api.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anthropic OAuth for model accounts: start a sign-in (PKCE S256), complete it with the code the provider showed, and
 * refresh tokens. Refreshes of one account are single-flight: they queue on a shared-data lock named after the
 * account (cluster-wide when the event bus is clustered), and whoever gets the lock re-reads the account and refreshes
 * only if no one did meanwhile, so concurrent turns cause one token request.
 */
final class OAuthService {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthService.class);
    private static final String LOCK_PREFIX = "cial.vault.oauth-refresh.";

    private final Vertx vertx;
    private final VaultConfig config;
    private final AccountStore store;
    private final OAuthClient client;

    OAuthService(Vertx vertx, VaultConfig config, AccountStore store, OAuthClient client) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.client = client;
    }

    /** Starts a sign-in for the caller's or the instance's account: {@code {authorizationUrl, state, expiresAt}}. */
    Future<JsonObject> start(Principal principal, Scope scope) {
        Gate.requireManage(principal, "connect model accounts");
        Instant expiresAt = Instant.now().plusSeconds(config.oauthFlowTtlSeconds());
        return store.purgeFlows(Instant.now())
                .compose(v -> Blocking.run(vertx, Pkce::create))
                .compose(pkce -> store.insertFlow(new OAuthFlow(
                                pkce.state(), scope, scope.ownerOf(principal.userId()), pkce.verifier(), expiresAt))
                        .map(v -> new JsonObject()
                                .put("authorizationUrl", authorizationUrl(pkce))
                                .put("state", pkce.state())
                                .put("expiresAt", expiresAt.toString())));
    }

    /**
     * Completes a sign-in: {@code code} as the provider shows it ({@code code#state} accepted), {@code state} optional
     * when the code carries it.
     *
     * @throws ApiException {@code not_found} for an unknown, used, expired or foreign state; {@code validation_failed}
     *     when the token endpoint rejects the code; {@code upstream_failed} when it fails
     */
    Future<Account> complete(Principal principal, String code, String state) {
        Gate.requireManage(principal, "connect model accounts");
        String[] parts = splitCode(code, state);
        return store.takeFlow(parts[1]).compose(flow -> {
            if (flow == null || flow.expiresAt().isBefore(Instant.now()) || !ownedBy(flow, principal)) {
                throw ApiException.notFound("no pending sign-in for this state (expired, used or never started);"
                        + " start the sign-in again");
            }
            return client.exchangeCode(parts[0], flow.state(), flow.verifier())
                    .compose(tokens -> store.upsert(
                            flow.scope(),
                            flow.ownerId(),
                            AccountKind.ANTHROPIC_OAUTH,
                            tokens.accessToken(),
                            tokens.refreshToken(),
                            tokens.expiresAt()));
        });
    }

    /** Refreshes the account now, unless a concurrent refresh stored new tokens after this call began. */
    Future<Account> refreshNow(Principal principal, Scope scope) {
        Gate.requireManage(principal, "refresh model accounts");
        Instant requestedAt = Instant.now();
        return refreshIf(scope, scope.ownerOf(principal.userId()), account -> !account.updatedAt()
                .isAfter(requestedAt));
    }

    /**
     * The account ready for a turn: refreshed first when it expires within the margin. Answers null when the token
     * has expired and cannot be refreshed, so the caller moves on to the next tier.
     */
    Future<Account> usable(Account account) {
        Instant now = Instant.now();
        Instant horizon = now.plusSeconds(config.oauthRefreshMarginSeconds());
        if (!account.refreshable() || !account.expiresBefore(horizon)) {
            return Future.succeededFuture(account.expiresBefore(now) ? null : account);
        }
        Scope scope = account.source().scope();
        return refreshIf(scope, account.ownerId(), current -> current.expiresBefore(horizon))
                .recover(failure -> {
                    LOG.warn(
                            "[vault] refreshing the {} anthropic_oauth account failed: {}",
                            scope.wire(),
                            reason(failure));
                    return Future.succeededFuture(account.expiresBefore(now) ? null : account);
                });
    }

    private Future<Account> refreshIf(Scope scope, String ownerId, Predicate<Account> needed) {
        String lockName = LOCK_PREFIX + scope.wire() + ":" + ownerId;
        long lockTimeout = 2L * config.httpTimeoutMs() + 1_000;
        return vertx.sharedData()
                .getLockWithTimeout(lockName, lockTimeout)
                .recover(failure -> Future.failedFuture(ApiException.of(
                        ErrorCode.UPSTREAM_FAILED,
                        "the token endpoint is still answering another refresh of this account; try again")))
                .compose(lock -> refreshLocked(scope, ownerId, needed).andThen(done -> lock.release()));
    }

    private Future<Account> refreshLocked(Scope scope, String ownerId, Predicate<Account> needed) {
        return store.find(scope, ownerId, AccountKind.ANTHROPIC_OAUTH).compose(current -> {
            if (current == null) {
                throw ApiException.notFound("the %s tier has no anthropic_oauth account", scope.wire());
            }
            if (!needed.test(current)) {
                return Future.succeededFuture(current);
            }
            if (!current.refreshable()) {
                throw ApiException.validation("this anthropic_oauth account has no refresh token (a pasted token"
                        + " cannot be refreshed); sign in again or paste a new token");
            }
            return client.refresh(current.refreshToken())
                    .compose(tokens -> store.upsert(
                            scope,
                            ownerId,
                            AccountKind.ANTHROPIC_OAUTH,
                            tokens.accessToken(),
                            tokens.refreshToken() != null ? tokens.refreshToken() : current.refreshToken(),
                            tokens.expiresAt()));
        });
    }

    private String authorizationUrl(Pkce pkce) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("code", "true");
        query.put("client_id", config.oauthClientId());
        query.put("response_type", "code");
        query.put("redirect_uri", config.oauthRedirectUri());
        query.put("scope", config.oauthScopes());
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", Pkce.METHOD);
        query.put("state", pkce.state());
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String base = config.oauthAuthorizeUrl();
        return base + (base.contains("?") ? "&" : "?") + encoded;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Splits {@code code#state}; a state given on both sides must agree. */
    private static String[] splitCode(String code, String state) {
        if (code == null || code.isBlank()) {
            throw ApiException.validation("code is required");
        }
        int hash = code.indexOf('#');
        String bareCode = hash < 0 ? code.strip() : code.substring(0, hash).strip();
        String codeState = hash < 0 ? null : code.substring(hash + 1).strip();
        if (codeState != null && state != null && !codeState.equals(state)) {
            throw ApiException.validation("state does not match the state carried by code");
        }
        String effective = codeState != null ? codeState : state;
        if (bareCode.isEmpty() || effective == null || effective.isBlank()) {
            throw ApiException.validation("state is required (pass it, or the code as code#state)");
        }
        return new String[] {bareCode, effective};
    }

    private static boolean ownedBy(OAuthFlow flow, Principal principal) {
        return flow.scope() == Scope.INSTANCE || flow.ownerId().equals(principal.userId());
    }

    private static String reason(Throwable failure) {
        return failure instanceof ApiException api
                ? api.getMessage()
                : failure.getClass().getSimpleName();
    }
}
