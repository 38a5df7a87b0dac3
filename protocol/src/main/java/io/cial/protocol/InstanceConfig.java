package io.cial.protocol;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Keys of the instance-wide configuration that {@code Main} builds from flags and environment variables and hands to
 * every area. Each area reads the keys it needs into its own typed config and validates them at start.
 */
public final class InstanceConfig {

    /** Absolute path of the data directory; every area keeps its storage in a folder of its own below it. */
    public static final String DATA_DIR = "dataDir";
    /** Absolute path of the folder the engine works in. */
    public static final String WORKSPACE = "workspace";
    /** Host and port of the public listener. */
    public static final String HOST = "host";

    public static final String PORT = "port";
    /** Port of the loopback-only self-edit listener. */
    public static final String SELF_PORT = "selfPort";
    /** The root of the source tree this instance was built from, when known. */
    public static final String SOURCE_DIR = "sourceDir";
    /** The areas deployed in this instance: a JsonArray of {@code {"name", "address"}}, for readiness checks. */
    public static final String AREAS = "areas";
    /** The environment the instance was started with (a copy), so areas read settings without System.getenv. */
    public static final String ENV = "env";

    private InstanceConfig() {}

    public static Path dataDir(JsonObject config) {
        return Path.of(config.getString(DATA_DIR));
    }

    /** The area's own folder under the data directory. */
    public static Path areaDir(JsonObject config, String area) {
        return dataDir(config).resolve(area);
    }

    /**
     * The served web UI: the self-edit area installs versions below {@code <dataDir>/selfedit/ui/} and swaps the {@code
     * current} link atomically; the gateway serves whatever {@code current} points at. Declared once, here.
     */
    public static Path servedUi(JsonObject config) {
        return areaDir(config, "selfedit").resolve("ui").resolve("current");
    }

    public static JsonObject env(JsonObject config) {
        return config.getJsonObject(ENV, new JsonObject());
    }
}
