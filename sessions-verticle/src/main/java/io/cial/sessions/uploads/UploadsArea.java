package io.cial.sessions.uploads;

import io.cial.protocol.Addresses;
import io.cial.protocol.AreaModule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The uploads area: per-owner attachment files, served from the sessions module by a verticle of their own. */
public final class UploadsArea implements AreaModule {

    @Override
    public String name() {
        return UploadsConfig.AREA;
    }

    @Override
    public String address() {
        return Addresses.UPLOADS;
    }

    @Override
    public Future<?> deploy(Vertx vertx, JsonObject instanceConfig) {
        UploadsConfig config;
        try {
            config = UploadsConfig.from(instanceConfig);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return vertx.deployVerticle(new UploadsVerticle(config));
    }
}
