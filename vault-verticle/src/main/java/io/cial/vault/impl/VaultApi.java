package io.cial.vault.impl;

import io.cial.protocol.AreaDispatcher;
import io.cial.protocol.VaultActions;
import io.cial.vault.VaultConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;

/** Builds the vault's services over an open database and puts every operation and bus action on one dispatcher. */
public final class VaultApi {

    private VaultApi() {}

    public static AreaDispatcher dispatcher(
            Vertx vertx, VaultConfig config, Pool pool, SecretBox box, WebClient webClient) {
        ToolService tools = new ToolService(new ToolStore(vertx, pool, box));
        AccountStore accountStore = new AccountStore(vertx, pool, box);
        OAuthService oauth = new OAuthService(vertx, config, accountStore, new OAuthClient(webClient, config));
        AccountService accounts = new AccountService(config, accountStore, oauth);
        TurnResolver turns = new TurnResolver(config, accounts, tools);

        AreaDispatcher dispatcher = new AreaDispatcher(VaultConfig.AREA);
        new ToolHandlers(tools).register(dispatcher);
        new AccountHandlers(accounts, oauth).register(dispatcher);
        return dispatcher
                .internal(VaultActions.RESOLVE_FOR_TURN, turns::resolve)
                .internal(VaultActions.FORGET_SESSION, turns::forgetSession);
    }
}
