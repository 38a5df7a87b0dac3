package io.cial.system;

import io.cial.protocol.Addresses;
import io.cial.protocol.AreaModule;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The system area: health, readiness and resource metrics of the instance. */
public final class SystemArea implements AreaModule {

    @Override
    public String name() {
        return "system";
    }

    @Override
    public String address() {
        return Addresses.SYSTEM;
    }

    @Override
    public Future<?> deploy(Vertx vertx, JsonObject instanceConfig) {
        return vertx.deployVerticle(new SystemVerticle(), new DeploymentOptions().setConfig(instanceConfig));
    }
}
