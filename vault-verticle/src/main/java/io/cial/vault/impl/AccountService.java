package io.cial.vault.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.Principal;
import io.cial.vault.VaultConfig;
import io.cial.vault.api.Account;
import io.cial.vault.api.AccountKind;
import io.cial.vault.api.CredentialSource;
import io.cial.vault.api.Provider;
import io.cial.vault.api.Scope;
import io.cial.vault.api.SecretMask;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Model accounts of both tiers plus the read-only credentials of the server's environment, and which one a turn uses:
 * the user's, then the instance's, then the environment's; within a tier the provider's preferred kind first.
 */
final class AccountService {

    private static final Pattern WHITESPACE_OR_CONTROL = Pattern.compile("[\\s\\x00-\\x1f\\x7f]");
    private static final int MAX_SECRET = 16_384;

    private final VaultConfig config;
    private final AccountStore store;
    private final OAuthService oauth;

    AccountService(VaultConfig config, AccountStore store, OAuthService oauth) {
        this.config = config;
        this.store = store;
        this.oauth = oauth;
    }

    /** The caller's accounts, the instance's, then the environment's, in the order a turn tries them. */
    Future<List<Account>> list(Principal principal) {
        return store.visibleTo(principal.userId()).map(stored -> {
            List<Account> all = new ArrayList<>(stored);
            all.addAll(environmentAccounts(Arrays.asList(AccountKind.values())));
            return all;
        });
    }

    /** Sets an API key or a pasted long-lived OAuth token. */
    Future<Account> set(Principal principal, AccountKind kind, Scope scope, JsonObject body) {
        Gate.requireManage(principal, "change model accounts");
        String secret = secret(Fields.string(body, "secret"));
        Instant expiresAt = expiresAt(kind, Fields.string(body, "expiresAt"));
        return store.upsert(scope, scope.ownerOf(principal.userId()), kind, secret, null, expiresAt);
    }

    /** @throws ApiException {@code not_found} when the tier has no account of that kind */
    Future<Void> remove(Principal principal, AccountKind kind, Scope scope) {
        Gate.requireManage(principal, "remove model accounts");
        return store.delete(scope, scope.ownerOf(principal.userId()), kind).map(removed -> {
            if (!removed) {
                throw ApiException.notFound("the %s tier has no %s account", scope.wire(), kind.wire());
            }
            return null;
        });
    }

    /** The credential a turn of {@code provider} uses for {@code userId}, or null when there is none. */
    Future<Account> resolve(String userId, Provider provider) {
        return store.visibleTo(userId).compose(stored -> {
            List<Account> candidates = new ArrayList<>();
            for (CredentialSource tier : List.of(CredentialSource.USER, CredentialSource.INSTANCE)) {
                provider.accountKinds().forEach(kind -> stored.stream()
                        .filter(account -> account.source() == tier && account.kind() == kind)
                        .forEach(candidates::add));
            }
            candidates.addAll(environmentAccounts(provider.accountKinds()));
            return firstUsable(candidates, 0);
        });
    }

    private Future<Account> firstUsable(List<Account> candidates, int index) {
        if (index >= candidates.size()) {
            return Future.succeededFuture(null);
        }
        return oauth.usable(candidates.get(index))
                .compose(account ->
                        account != null ? Future.succeededFuture(account) : firstUsable(candidates, index + 1));
    }

    private List<Account> environmentAccounts(List<AccountKind> kinds) {
        return kinds.stream()
                .map(kind -> {
                    String value = config.environmentValue(kind.environmentVariable());
                    return value == null ? null : Account.fromEnvironment(kind, value);
                })
                .filter(Objects::nonNull)
                .toList();
    }

    private static String secret(String raw) {
        String secret = raw == null ? "" : raw.strip();
        if (secret.isEmpty() || secret.length() > MAX_SECRET) {
            throw ApiException.validation("secret must be 1 to %d characters", MAX_SECRET);
        }
        if (SecretMask.isMasked(secret)) {
            throw ApiException.validation("secret is a masked value; send the key or token itself");
        }
        if (WHITESPACE_OR_CONTROL.matcher(secret).find()) {
            throw ApiException.validation("secret must not contain spaces or control characters");
        }
        return secret;
    }

    private static Instant expiresAt(AccountKind kind, String raw) {
        if (raw == null) {
            return null;
        }
        if (kind != AccountKind.ANTHROPIC_OAUTH) {
            throw ApiException.validation("expiresAt applies to anthropic_oauth accounts only");
        }
        try {
            Instant expiresAt = Instant.parse(raw);
            if (expiresAt.isBefore(Instant.now())) {
                throw ApiException.validation("expiresAt is in the past");
            }
            return expiresAt;
        } catch (DateTimeParseException e) {
            throw ApiException.validation("expiresAt must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }
}
