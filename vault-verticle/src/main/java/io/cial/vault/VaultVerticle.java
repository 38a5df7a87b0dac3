package io.cial.vault;

import io.cial.protocol.Addresses;
import io.cial.vault.impl.MasterKey;
import io.cial.vault.impl.SecretBox;
import io.cial.vault.impl.VaultApi;
import io.cial.vault.impl.VaultDatabase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link Addresses#VAULT}: loads the master key, opens {@code vault.db}, and registers the vault's operations.
 * Its deployment config is the instance configuration (see {@link VaultConfig}).
 */
public final class VaultVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(VaultVerticle.class);

    private Pool pool;
    private WebClient webClient;

    @Override
    public Future<?> start() {
        VaultConfig config = VaultConfig.from(config());
        return vertx.executeBlocking(() -> {
                    byte[] key = MasterKey.load(config);
                    VaultDatabase.prepareFile(config.databaseFile());
                    return new SecretBox(key);
                })
                .compose(box -> VaultDatabase.open(vertx, config.databaseFile(), box)
                        .compose(opened -> {
                            pool = opened;
                            webClient = WebClient.create(
                                    vertx, new WebClientOptions().setConnectTimeout(config.httpTimeoutMs()));
                            return VaultApi.dispatcher(vertx, config, pool, box, webClient)
                                    .register(vertx, Addresses.VAULT)
                                    .completion();
                        }))
                .onSuccess(v -> LOG.info("[vault] serving {} from {}", Addresses.VAULT, config.areaDir()));
    }

    @Override
    public Future<?> stop() {
        if (webClient != null) {
            webClient.close();
        }
        return pool == null ? Future.succeededFuture() : pool.close();
    }
}
