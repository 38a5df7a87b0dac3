package io.cial.knowledge;

import io.cial.protocol.InstanceConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The knowledge area's settings, read once from the instance configuration (and its environment copy) and validated
 * at start. A config key wins over its environment variable, which wins over the default.
 *
 * @param storage the area's folder, {@code <dataDir>/knowledge}
 * @param workspace the engine's working folder, whose {@code .claude} holds the project skills and commands
 * @param engineHome the engine's HOME, whose {@code .claude} holds the user-level skills and commands
 * @param sourceDir the instance's source tree, or null when unknown (described by the built-in knowledge)
 * @param dataDir the instance's data directory (described by the built-in knowledge)
 * @param maxFileBytes the largest file a knowledge may hold
 * @param maxKnowledgeBytes the most bytes all files of one knowledge may hold together
 */
public record KnowledgeConfig(
        Path storage,
        Path workspace,
        Path engineHome,
        Path sourceDir,
        Path dataDir,
        long maxFileBytes,
        long maxKnowledgeBytes) {

    /** Config key and environment variable of the per-file limit, in bytes. */
    public static final String MAX_FILE_BYTES = "knowledgeMaxFileBytes";

    public static final String ENV_MAX_FILE_BYTES = "CIAL_KNOWLEDGE_MAX_FILE_BYTES";
    public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;

    /** Config key and environment variable of the per-knowledge limit, in bytes. */
    public static final String MAX_KNOWLEDGE_BYTES = "knowledgeMaxBytes";

    public static final String ENV_MAX_KNOWLEDGE_BYTES = "CIAL_KNOWLEDGE_MAX_BYTES";
    public static final long DEFAULT_MAX_KNOWLEDGE_BYTES = 500L * 1024 * 1024;

    /** Config key and environment variable of the engine's HOME; the sessions area puts it at the default. */
    public static final String ENGINE_HOME = "engineHome";

    public static final String ENV_ENGINE_HOME = "CIAL_ENGINE_HOME";
    public static final String DEFAULT_ENGINE_HOME = "sessions/engine-home";

    /** The area's folder name under the data directory. */
    public static final String AREA = "knowledge";

    /**
     * Reads and validates the settings.
     *
     * @throws IllegalArgumentException naming the key when a value is missing or invalid
     */
    public static KnowledgeConfig from(JsonObject config) {
        JsonObject env = InstanceConfig.env(config);
        Path dataDir = absolute(config.getString(InstanceConfig.DATA_DIR), InstanceConfig.DATA_DIR);
        Path workspace = absolute(config.getString(InstanceConfig.WORKSPACE), InstanceConfig.WORKSPACE);
        String home = text(config, env, ENGINE_HOME, ENV_ENGINE_HOME);
        String source = config.getString(InstanceConfig.SOURCE_DIR);
        long maxFile = bytes(config, env, MAX_FILE_BYTES, ENV_MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES);
        long maxKnowledge =
                bytes(config, env, MAX_KNOWLEDGE_BYTES, ENV_MAX_KNOWLEDGE_BYTES, DEFAULT_MAX_KNOWLEDGE_BYTES);
        return new KnowledgeConfig(
                dataDir.resolve(AREA),
                workspace,
                home == null ? dataDir.resolve(DEFAULT_ENGINE_HOME) : absolute(home, ENV_ENGINE_HOME),
                source == null || source.isBlank() ? null : absolute(source, InstanceConfig.SOURCE_DIR),
                dataDir,
                maxFile,
                maxKnowledge);
    }

    private static Path absolute(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("knowledge: '" + key + "' is required");
        }
        Path path = Path.of(value);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("knowledge: '" + key + "' must be an absolute path, got " + value);
        }
        return path.normalize();
    }

    private static String text(JsonObject config, JsonObject env, String key, String envKey) {
        Object value = config.getValue(key);
        if (value == null) {
            value = env.getValue(envKey);
        }
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    private static long bytes(JsonObject config, JsonObject env, String key, String envKey, long fallback) {
        String value = text(config, env, key, envKey);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new IllegalArgumentException(
                "knowledge: '" + key + "' (" + envKey + ") must be a positive number of" + " bytes, got " + value);
    }
}
