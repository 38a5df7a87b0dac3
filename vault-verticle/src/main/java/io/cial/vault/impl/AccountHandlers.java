package io.cial.vault.impl;

import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AreaDispatcher;
import io.cial.vault.api.AccountKind;
import io.cial.vault.api.Scope;
import io.cial.vault.api.VaultOperations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The model-account operations of the contract; every answer masks keys and tokens. */
final class AccountHandlers {

    private final AccountService accounts;
    private final OAuthService oauth;

    AccountHandlers(AccountService accounts, OAuthService oauth) {
        this.accounts = accounts;
        this.oauth = oauth;
    }

    void register(AreaDispatcher dispatcher) {
        dispatcher
                .on(VaultOperations.LIST_ACCOUNTS, this::list)
                .on(VaultOperations.SET_ACCOUNT, this::set)
                .on(VaultOperations.REMOVE_ACCOUNT, this::remove)
                .on(VaultOperations.START_ACCOUNT_OAUTH, this::startOAuth)
                .on(VaultOperations.COMPLETE_ACCOUNT_OAUTH, this::completeOAuth)
                .on(VaultOperations.REFRESH_ACCOUNT_OAUTH, this::refreshOAuth);
    }

    private Future<ApiResponse> list(ApiRequest request) {
        return accounts.list(request.principal()).map(list -> {
            JsonArray items = new JsonArray();
            list.forEach(account -> items.add(account.toJson()));
            return ApiResponse.ok(new JsonObject().put("items", items));
        });
    }

    private Future<ApiResponse> set(ApiRequest request) {
        return accounts.set(request.principal(), kind(request), queryScope(request), request.body())
                .map(account -> ApiResponse.ok(account.toJson()));
    }

    private Future<ApiResponse> remove(ApiRequest request) {
        return accounts.remove(request.principal(), kind(request), queryScope(request))
                .map(v -> ApiResponse.noContent());
    }

    private Future<ApiResponse> startOAuth(ApiRequest request) {
        return oauth.start(request.principal(), bodyScope(request)).map(ApiResponse::ok);
    }

    private Future<ApiResponse> completeOAuth(ApiRequest request) {
        JsonObject body = request.body();
        return oauth.complete(request.principal(), Fields.string(body, "code"), Fields.string(body, "state"))
                .map(account -> ApiResponse.ok(account.toJson()));
    }

    private Future<ApiResponse> refreshOAuth(ApiRequest request) {
        return oauth.refreshNow(request.principal(), bodyScope(request))
                .map(account -> ApiResponse.ok(account.toJson()));
    }

    private static AccountKind kind(ApiRequest request) {
        return AccountKind.fromWire(request.pathParam("kind"), "kind");
    }

    private static Scope queryScope(ApiRequest request) {
        return Scope.fromWire(request.queryString("scope", null), "scope");
    }

    private static Scope bodyScope(ApiRequest request) {
        return Scope.fromWire(Fields.string(request.body(), "scope"), "scope");
    }
}
