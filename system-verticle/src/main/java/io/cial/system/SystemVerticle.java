package io.cial.system;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AreaDispatcher;
import io.cial.protocol.Principal;
import io.cial.system.api.SystemOperations;
import io.cial.system.impl.PrometheusScrape;
import io.cial.system.impl.ReadinessCheck;
import io.cial.system.impl.ResourceSampler;
import io.cial.system.impl.SystemConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;

/**
 * Serves the system operations on {@link Addresses#SYSTEM}: liveness, readiness, resource metrics and the Prometheus
 * scrape. Its configuration is the instance configuration (see {@link SystemConfig}).
 */
public final class SystemVerticle extends VerticleBase {

    private ReadinessCheck readiness;
    private ResourceSampler sampler;
    private PrometheusScrape prometheus;

    @Override
    public Future<?> start() {
        SystemConfig settings = SystemConfig.from(config());
        readiness = new ReadinessCheck(vertx, settings);
        sampler = new ResourceSampler(vertx, settings.dataDir(), settings.metricsCacheMs());
        prometheus = new PrometheusScrape(vertx);
        return sampler.start().compose(started -> new AreaDispatcher("system")
                .on(SystemOperations.HEALTH, this::health)
                .on(SystemOperations.READINESS, this::readiness)
                .on(SystemOperations.METRICS, request -> sampler.sample().map(ApiResponse::ok))
                .on(SystemOperations.PROMETHEUS, request -> prometheus.scrape())
                .register(vertx, Addresses.SYSTEM)
                .completion());
    }

    private Future<ApiResponse> health(ApiRequest request) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        return Future.succeededFuture(
                ApiResponse.ok(new JsonObject().put("status", "UP").put("uptimeMs", uptime)));
    }

    private Future<ApiResponse> readiness(ApiRequest request) {
        return readiness.run().map(report -> {
            int status = "UP".equals(report.getString("status")) ? 200 : 503;
            boolean anonymous = request.principal().kind() == Principal.Kind.ANONYMOUS;
            return new ApiResponse(status, anonymous ? withoutDetails(report) : report, null, null);
        });
    }

    /** A probe that did not authenticate learns each check's outcome, not the paths and figures behind it. */
    private static JsonObject withoutDetails(JsonObject report) {
        JsonObject bare = report.copy();
        bare.getJsonArray("checks", new io.vertx.core.json.JsonArray())
                .forEach(check -> ((JsonObject) check).remove("details"));
        return bare;
    }
}
