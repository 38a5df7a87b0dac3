package io.cial.system.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;

/**
 * The Prometheus text exposition of the Micrometer registry that Vert.x records into (HTTP server and client, event
 * bus, pools, JVM). The instance enables it with {@code MicrometerMetricsOptions} and Prometheus options; without them
 * there is no registry and the scrape fails {@code not_implemented}.
 */
public final class PrometheusScrape {

    /** The Prometheus text format this registry writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Vertx vertx;

    public PrometheusScrape(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The scrape as a String body with its Content-Type; rendering it is CPU work, so it runs on a worker. */
    public Future<ApiResponse> scrape() {
        MeterRegistry registry = BackendRegistries.getDefaultNow();
        if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
            return Future.failedFuture(ApiException.of(
                    ErrorCode.NOT_IMPLEMENTED,
                    "Prometheus metrics are not enabled on this instance"
                            + " (start it with Micrometer Prometheus metrics)"));
        }
        return vertx.executeBlocking(prometheus::scrape, false)
                .map(text -> new ApiResponse(200, text, new JsonObject().put("Content-Type", CONTENT_TYPE), null));
    }
}
