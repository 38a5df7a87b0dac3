package io.cial.selfedit.impl;

import io.cial.protocol.InstanceConfig;
import io.cial.protocol.InstanceLifecycle;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The self-edit area's settings, validated once at start. Instance keys ({@link InstanceConfig}) give the data
 * directory, the loopback port ({@value InstanceConfig#SELF_PORT}, default {@value #DEFAULT_PORT}) and the source
 * tree; the {@code CIAL_*} keys come from the instance's environment copy ({@link InstanceConfig#ENV}).
 *
 * @param dataDir the area's own folder, {@code <dataDir>/selfedit}
 * @param host the loopback address the listener binds (key {@value #HOST}, default {@value #DEFAULT_HOST}); any
 *     other address is refused
 * @param port the listener's port; 0 picks a free one (tests)
 * @param sourceDir the instance's own source tree ({@value #SOURCE_DIR_ENV}, else {@link InstanceConfig#SOURCE_DIR});
 *     null when unknown, which makes deploy and commit fail {@code conflict}
 * @param buildCommand run with {@code /bin/sh -c} in the source tree ({@value #BUILD_COMMAND_ENV}, default {@value
 *     #DEFAULT_BUILD_COMMAND})
 * @param artifact the built fat jar, relative to the source tree ({@value #ARTIFACT_ENV}, default {@value
 *     #DEFAULT_ARTIFACT})
 * @param uiDist the built web UI folder, relative to the source tree ({@value #UI_DIST_ENV}, default {@value
 *     #DEFAULT_UI_DIST}); skipped when absent
 * @param buildTimeoutMs a build running longer is killed ({@value #BUILD_TIMEOUT_ENV}, default 20 min)
 * @param keepBuilds how many server builds and UI versions to keep ({@value #KEEP_BUILDS_ENV}, default {@value
 *     #DEFAULT_KEEP_BUILDS}); the current and the newest known-good one are never pruned
 * @param gitAuthorName commit author ({@value #GIT_AUTHOR_NAME_ENV}, default {@value #DEFAULT_GIT_AUTHOR_NAME})
 * @param gitAuthorEmail commit author e-mail ({@value #GIT_AUTHOR_EMAIL_ENV}, default {@value
 *     #DEFAULT_GIT_AUTHOR_EMAIL})
 * @param supervised whether a supervisor restarts the instance ({@link InstanceLifecycle#SUPERVISED_ENV} = 1 or true)
 * @param runningBuild the build this process was started from ({@link InstanceLifecycle#BUILD_ID_ENV}), or null
 * @param restartTimeoutMs how long the instance may take to accept a restart (default {@value
 *     #DEFAULT_RESTART_TIMEOUT_MS})
 * @param shutdownGraceMs how long in-flight requests may take when the listener stops (default {@value
 *     #DEFAULT_SHUTDOWN_GRACE_MS})
 * @param bootSettleMs how long this process must stay up before the build it runs counts as booted (known-good, its
 *     deploy live); a build that dies sooner is what the supervisor falls back from (default {@value
 *     #DEFAULT_BOOT_SETTLE_MS})
 */
public record SelfEditConfig(
        Path dataDir,
        String host,
        int port,
        Path sourceDir,
        String buildCommand,
        String artifact,
        String uiDist,
        long buildTimeoutMs,
        int keepBuilds,
        String gitAuthorName,
        String gitAuthorEmail,
        boolean supervised,
        String runningBuild,
        long restartTimeoutMs,
        long shutdownGraceMs,
        long bootSettleMs) {

    public static final String AREA = "selfedit";
    public static final String HOST = "selfHost";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4000;
    public static final String SOURCE_DIR_ENV = "CIAL_SOURCE_DIR";
    public static final String BUILD_COMMAND_ENV = "CIAL_BUILD_COMMAND";
    public static final String DEFAULT_BUILD_COMMAND = "mvn -B -q -DskipTests package";
    public static final String ARTIFACT_ENV = "CIAL_BUILD_ARTIFACT";
    public static final String DEFAULT_ARTIFACT = "gateway/target/cial.jar";
    public static final String UI_DIST_ENV = "CIAL_UI_DIST";
    public static final String DEFAULT_UI_DIST = "ui/dist";
    public static final String BUILD_TIMEOUT_ENV = "CIAL_BUILD_TIMEOUT_MS";
    public static final long DEFAULT_BUILD_TIMEOUT_MS = 20 * 60_000;
    public static final String KEEP_BUILDS_ENV = "CIAL_KEEP_BUILDS";
    public static final int DEFAULT_KEEP_BUILDS = 5;
    public static final String GIT_AUTHOR_NAME_ENV = "CIAL_GIT_AUTHOR_NAME";
    public static final String DEFAULT_GIT_AUTHOR_NAME = "Cial instance";
    public static final String GIT_AUTHOR_EMAIL_ENV = "CIAL_GIT_AUTHOR_EMAIL";
    public static final String DEFAULT_GIT_AUTHOR_EMAIL = "cial@localhost";
    public static final String RESTART_TIMEOUT_MS = "selfRestartTimeoutMs";
    public static final long DEFAULT_RESTART_TIMEOUT_MS = 5_000;
    public static final String SHUTDOWN_GRACE_MS = "selfShutdownGraceMs";
    public static final long DEFAULT_SHUTDOWN_GRACE_MS = 30_000;
    public static final String BOOT_SETTLE_MS = "selfBootSettleMs";
    public static final long DEFAULT_BOOT_SETTLE_MS = 10_000;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public static SelfEditConfig from(JsonObject config) {
        JsonObject env = InstanceConfig.env(config);
        String dataDir = config.getString(InstanceConfig.DATA_DIR);
        if (dataDir == null || dataDir.isBlank()) {
            throw invalid("config key '" + InstanceConfig.DATA_DIR + "' is required");
        }
        String source = env.getString(SOURCE_DIR_ENV, config.getString(InstanceConfig.SOURCE_DIR));
        return new SelfEditConfig(
                InstanceConfig.areaDir(config, AREA).toAbsolutePath(),
                loopbackHost(config.getString(HOST, DEFAULT_HOST)),
                port(config.getValue(InstanceConfig.SELF_PORT)),
                source == null || source.isBlank() ? null : Path.of(source).toAbsolutePath(),
                text(env, BUILD_COMMAND_ENV, DEFAULT_BUILD_COMMAND),
                relative(text(env, ARTIFACT_ENV, DEFAULT_ARTIFACT), ARTIFACT_ENV),
                relative(text(env, UI_DIST_ENV, DEFAULT_UI_DIST), UI_DIST_ENV),
                positive(env.getValue(BUILD_TIMEOUT_ENV), BUILD_TIMEOUT_ENV, DEFAULT_BUILD_TIMEOUT_MS),
                (int) positive(env.getValue(KEEP_BUILDS_ENV), KEEP_BUILDS_ENV, DEFAULT_KEEP_BUILDS),
                text(env, GIT_AUTHOR_NAME_ENV, DEFAULT_GIT_AUTHOR_NAME),
                text(env, GIT_AUTHOR_EMAIL_ENV, DEFAULT_GIT_AUTHOR_EMAIL),
                flag(env.getString(InstanceLifecycle.SUPERVISED_ENV)),
                blankToNull(env.getString(InstanceLifecycle.BUILD_ID_ENV)),
                positive(config.getValue(RESTART_TIMEOUT_MS), RESTART_TIMEOUT_MS, DEFAULT_RESTART_TIMEOUT_MS),
                positive(config.getValue(SHUTDOWN_GRACE_MS), SHUTDOWN_GRACE_MS, DEFAULT_SHUTDOWN_GRACE_MS),
                positive(config.getValue(BOOT_SETTLE_MS), BOOT_SETTLE_MS, DEFAULT_BOOT_SETTLE_MS));
    }

    /** Where deploy logs go: {@code <dataDir>/selfedit/deploys}. */
    public Path deploysDir() {
        return dataDir.resolve("deploys");
    }

    /** Where staged server builds go: {@code <dataDir>/selfedit/builds}. */
    public Path buildsDir() {
        return dataDir.resolve("builds");
    }

    /** Where served UI versions go: {@code <dataDir>/selfedit/ui}. */
    public Path uiDir() {
        return dataDir.resolve("ui");
    }

    /**
     * Accepts only a literal loopback address or {@code localhost}: a name would need a DNS lookup that could answer
     * anything, and a wildcard or LAN address would expose self-edit beyond this machine.
     */
    static String loopbackHost(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return DEFAULT_HOST;
        }
        boolean literal = IPV4.matcher(host).matches() || host.contains(":");
        try {
            if (literal && InetAddress.getByName(host).isLoopbackAddress()) {
                return host;
            }
        } catch (UnknownHostException e) {
            throw invalid("'" + HOST + "' is not a valid address: " + host);
        }
        throw invalid("'" + HOST + "' must be a loopback address (127.0.0.1 or ::1), not " + host);
    }

    private static int port(Object value) {
        if (value == null) {
            return DEFAULT_PORT;
        }
        long port = value instanceof Number number ? number.longValue() : parse(String.valueOf(value), "selfPort");
        if (port < 0 || port > 65535) {
            throw invalid("'" + InstanceConfig.SELF_PORT + "' must be a port number, not " + value);
        }
        return (int) port;
    }

    private static String text(JsonObject env, String key, String fallback) {
        String value = env.getString(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String relative(String path, String key) {
        if (Path.of(path).isAbsolute() || Path.of(path).normalize().startsWith("..")) {
            throw invalid("'" + key + "' must be a path inside the source tree, not " + path);
        }
        return path;
    }

    private static long positive(Object value, String key, long fallback) {
        if (value == null || String.valueOf(value).isBlank()) {
            return fallback;
        }
        long parsed = value instanceof Number number ? number.longValue() : parse(String.valueOf(value), key);
        if (parsed <= 0) {
            throw invalid("'" + key + "' must be positive, not " + value);
        }
        return parsed;
    }

    private static long parse(String value, String key) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid("'" + key + "' must be a number, not " + value);
        }
    }

    private static boolean flag(String value) {
        return value != null && ("1".equals(value.trim()) || "true".equalsIgnoreCase(value.trim()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("selfedit: " + message);
    }
}
