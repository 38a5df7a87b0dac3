package io.cial.system;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AreaDispatcher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;

/** Serves the system operations on {@link Addresses#SYSTEM}. */
public final class SystemVerticle extends VerticleBase {

    @Override
    public Future<?> start() {
        return new AreaDispatcher("system")
                .on("getHealth", this::health)
                .register(vertx, Addresses.SYSTEM)
                .completion();
    }

    private Future<ApiResponse> health(ApiRequest request) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        return Future.succeededFuture(
                ApiResponse.ok(new JsonObject().put("status", "UP").put("uptimeMs", uptime)));
    }
}
