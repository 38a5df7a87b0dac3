package io.cial.vault;

import io.cial.protocol.Addresses;
import io.cial.protocol.AreaModule;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The vault area: tools and secrets in two tiers, model accounts, and the credential and tools of each turn. One
 * verticle instance serves {@link Addresses#VAULT}; OAuth refreshes stay single-flight across instances anyway,
 * because they lock through shared data.
 */
public final class VaultArea implements AreaModule {

    @Override
    public String name() {
        return VaultConfig.AREA;
    }

    @Override
    public String address() {
        return Addresses.VAULT;
    }

    @Override
    public Future<?> deploy(Vertx vertx, JsonObject instanceConfig) {
        return vertx.deployVerticle(new VaultVerticle(), new DeploymentOptions().setConfig(instanceConfig));
    }
}
