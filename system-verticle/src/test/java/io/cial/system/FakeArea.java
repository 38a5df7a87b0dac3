package io.cial.system;

import io.cial.protocol.AreaDispatcher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/** A stand-in area for readiness tests: serves only the built-in health action, with the given probe. */
final class FakeArea extends VerticleBase {

    private final String address;
    private final Supplier<Future<JsonObject>> probe;

    FakeArea(String address, Supplier<Future<JsonObject>> probe) {
        this.address = address;
        this.probe = probe;
    }

    @Override
    public Future<?> start() {
        AreaDispatcher dispatcher = new AreaDispatcher(address);
        if (probe != null) {
            dispatcher.health(probe);
        }
        return dispatcher.register(vertx, address).completion();
    }
}
