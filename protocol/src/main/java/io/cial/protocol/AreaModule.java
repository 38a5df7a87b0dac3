package io.cial.protocol;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * One area of the instance as the instance's {@code Main} sees it. Each area module lists its implementation in {@code
 * META-INF/services/io.cial.protocol.AreaModule}; {@code Main} finds them with the ServiceLoader and deploys each
 * before the public listener opens, so the gateway never depends on an area's classes.
 */
public interface AreaModule {

    /** A short name for logs and readiness checks, e.g. {@code sessions}. */
    String name();

    /** The bus address the area serves; readiness pings it. */
    String address();

    /**
     * Deploys the area's verticles with the instance configuration (keys in {@link InstanceConfig}).
     *
     * @return completes when the area serves its address, failing if it cannot start
     */
    Future<?> deploy(Vertx vertx, JsonObject instanceConfig);
}
