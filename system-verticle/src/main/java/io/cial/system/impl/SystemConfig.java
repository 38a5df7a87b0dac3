package io.cial.system.impl;

import io.cial.protocol.InstanceConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system area's settings, read from the instance configuration and validated once at start.
 *
 * @param areas every area to ping for readiness ({@link InstanceConfig#AREAS}, required)
 * @param dataDir the data directory whose volume the metrics and readiness report ({@link InstanceConfig#DATA_DIR},
 *     required)
 * @param readinessTimeoutMs how long one readiness check may take before it counts as down (default {@value
 *     #DEFAULT_READINESS_TIMEOUT_MS})
 * @param metricsCacheMs how long one resource sample is served again (default {@value #DEFAULT_METRICS_CACHE_MS})
 */
public record SystemConfig(List<Area> areas, Path dataDir, long readinessTimeoutMs, long metricsCacheMs) {

    public static final String READINESS_TIMEOUT_MS = "readinessTimeoutMs";
    public static final String METRICS_CACHE_MS = "metricsCacheMs";
    public static final long DEFAULT_READINESS_TIMEOUT_MS = 2_000;
    public static final long DEFAULT_METRICS_CACHE_MS = 2_000;

    /** One area the readiness check pings. */
    public record Area(String name, String address) {}

    public static SystemConfig from(JsonObject config) {
        String dataDir = config.getString(InstanceConfig.DATA_DIR);
        if (dataDir == null || dataDir.isBlank()) {
            throw new IllegalArgumentException("system: config key '" + InstanceConfig.DATA_DIR + "' is required");
        }
        return new SystemConfig(
                areas(config.getValue(InstanceConfig.AREAS)),
                Path.of(dataDir).toAbsolutePath(),
                positive(config, READINESS_TIMEOUT_MS, DEFAULT_READINESS_TIMEOUT_MS),
                positive(config, METRICS_CACHE_MS, DEFAULT_METRICS_CACHE_MS));
    }

    private static List<Area> areas(Object value) {
        if (!(value instanceof JsonArray array)) {
            throw new IllegalArgumentException("system: config key '" + InstanceConfig.AREAS
                    + "' must be a JSON array of {name, address} (Main fills it from the deployed areas)");
        }
        List<Area> areas = new ArrayList<>();
        for (Object entry : array) {
            JsonObject area = entry instanceof JsonObject json ? json : new JsonObject();
            String name = area.getString("name");
            String address = area.getString("address");
            if (name == null || name.isBlank() || address == null || address.isBlank()) {
                throw new IllegalArgumentException(
                        "system: every entry of '" + InstanceConfig.AREAS + "' needs a name and an address: " + entry);
            }
            areas.add(new Area(name, address));
        }
        return List.copyOf(areas);
    }

    private static long positive(JsonObject config, String key, long fallback) {
        Object value = config.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.longValue() <= 0) {
            throw new IllegalArgumentException("system: config key '" + key + "' must be a positive number of ms");
        }
        return number.longValue();
    }
}
