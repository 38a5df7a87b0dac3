package io.cial.system.api;

/**
 * The operations the system area serves on {@code cial.system}, by their contract operationId (the {@code action}
 * header). See {@code openapi/system.yaml} for their payloads.
 */
public final class SystemOperations {

    /** Liveness: always 200 while the process serves requests. */
    public static final String HEALTH = "getHealth";
    /** Readiness: 200 when every area and the data directory answer, 503 with every check otherwise. */
    public static final String READINESS = "getReadiness";
    /** CPU, memory, JVM heap and data-volume figures as JSON, cached about 2 s. */
    public static final String METRICS = "getMetrics";
    /** The Prometheus text scrape as a String body; fails {@code not_implemented} when metrics are disabled. */
    public static final String PROMETHEUS = "getPrometheusMetrics";

    private SystemOperations() {}
}
