package io.cial.sessions;

import io.cial.protocol.Addresses;
import io.cial.protocol.AreaModule;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The sessions area as {@code Main} finds it: one {@link SessionsVerticle} serving {@code cial.sessions}. */
public final class SessionsArea implements AreaModule {

    @Override
    public String name() {
        return SessionsConfig.AREA;
    }

    @Override
    public String address() {
        return Addresses.SESSIONS;
    }

    @Override
    public Future<?> deploy(Vertx vertx, JsonObject instanceConfig) {
        return vertx.deployVerticle(
                new SessionsVerticle(),
                new DeploymentOptions().setConfig(instanceConfig).setInstances(1));
    }
}
