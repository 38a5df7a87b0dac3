package io.cial.selfedit;

import io.cial.protocol.Addresses;
import io.cial.protocol.AreaModule;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The self-edit area: rebuild, restart, roll back and commit the instance's own source; served-UI versions. */
public final class SelfEditArea implements AreaModule {

    @Override
    public String name() {
        return "selfedit";
    }

    @Override
    public String address() {
        return Addresses.SELFEDIT;
    }

    @Override
    public Future<?> deploy(Vertx vertx, JsonObject instanceConfig) {
        return vertx.deployVerticle(
                new SelfEditVerticle(),
                new DeploymentOptions().setConfig(instanceConfig).setInstances(1));
    }
}
