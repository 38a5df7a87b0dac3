package io.cial.sessions.uploads;

import io.cial.protocol.InstanceConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The uploads area's settings, read once from the instance configuration (and its environment copy) and validated at
 * start. A config key wins over its environment variable, which wins over the default.
 *
 * @param storage the area's folder, {@code <dataDir>/uploads}: one folder per owner plus the metadata database
 * @param maxFileBytes the largest single upload
 * @param quotaBytes the most bytes one owner's uploads may hold together
 */
public record UploadsConfig(Path storage, long maxFileBytes, long quotaBytes) {

    /** Config key and environment variable of the per-upload limit, in bytes. */
    public static final String MAX_FILE_BYTES = "uploadsMaxFileBytes";

    public static final String ENV_MAX_FILE_BYTES = "CIAL_UPLOADS_MAX_FILE_BYTES";
    public static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;

    /** Config key and environment variable of the per-owner quota, in bytes. */
    public static final String QUOTA_BYTES = "uploadsQuotaBytes";

    public static final String ENV_QUOTA_BYTES = "CIAL_UPLOADS_QUOTA_BYTES";
    public static final long DEFAULT_QUOTA_BYTES = 2L * 1024 * 1024 * 1024;

    /** The area's folder name under the data directory. */
    public static final String AREA = "uploads";

    /**
     * Reads and validates the settings.
     *
     * @throws IllegalArgumentException naming the key when a value is missing or invalid
     */
    public static UploadsConfig from(JsonObject config) {
        String dataDir = config.getString(InstanceConfig.DATA_DIR);
        if (dataDir == null || dataDir.isBlank() || !Path.of(dataDir).isAbsolute()) {
            throw new IllegalArgumentException("uploads: '" + InstanceConfig.DATA_DIR + "' must be an absolute path");
        }
        JsonObject env = InstanceConfig.env(config);
        return new UploadsConfig(
                InstanceConfig.areaDir(config, AREA).normalize(),
                bytes(config, env, MAX_FILE_BYTES, ENV_MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES),
                bytes(config, env, QUOTA_BYTES, ENV_QUOTA_BYTES, DEFAULT_QUOTA_BYTES));
    }

    private static long bytes(JsonObject config, JsonObject env, String key, String envKey, long fallback) {
        Object value = config.getValue(key);
        if (value == null) {
            value = env.getValue(envKey);
        }
        if (value == null || String.valueOf(value).isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(String.valueOf(value).trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new IllegalArgumentException(
                "uploads: '" + key + "' (" + envKey + ") must be a positive number of bytes, got " + value);
    }
}
