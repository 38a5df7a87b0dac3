package io.cial.sessions;

import io.cial.protocol.InstanceConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The typed configuration of the sessions area, read from the instance configuration ({@link InstanceConfig} keys plus
 * its copy of the environment) and validated once at start.
 *
 * <p>Keys and defaults:
 *
 * <ul>
 *   <li>{@link InstanceConfig#DATA_DIR} (required): storage goes to {@code <dataDir>/sessions/}.
 *   <li>{@link InstanceConfig#WORKSPACE}: the engine's working folder, default {@code <dataDir>/workspace}.
 *   <li>env {@value #ENV_TURN_TIMEOUT}: the wall-clock limit of one turn in seconds, default 1800.
 *   <li>env {@value #ENV_CLAUDE_BIN}: the Claude Code CLI; else {@code claude} on the PATH, else {@code
 *       <sourceDir>/build/claude-code/node_modules/.bin/claude} (sourceDir from {@link InstanceConfig#SOURCE_DIR} or
 *       the
 *       system property {@value #REPO_ROOT_PROPERTY}).
 *   <li>env {@value #ENV_PERMISSION_MODE}: claude's {@code --permission-mode}, default
 *       {@value #DEFAULT_PERMISSION_MODE}.
 *   <li>env {@value #ENV_CLAUDE_SANDBOX}: {@code true} declares the machine a sandbox and gives engines {@code
 *       IS_SANDBOX=1}, without which the CLI refuses {@code bypassPermissions} when it runs as root; default false. An
 *       explicit opt-in: it is never inferred.
 *   <li>env {@value #ENV_DEMO_DELAY}: the demo engine's pause between text deltas in ms, default 60.
 *   <li>env {@value #ENV_ENGINE_NICE}: the CPU niceness engines run at, 0 to 19, default {@value
 *       #DEFAULT_ENGINE_NICE}: an engine busy with a build or a test run yields the CPU to the server that streams its
 *       output, so the stream stays live; 0 runs engines at the server's own priority.
 *   <li>{@value #CANCEL_GRACE_MS}: how long a cancelled engine gets after SIGINT before SIGTERM, then SIGKILL; default
 *       3000 ms.
 * </ul>
 */
public record SessionsConfig(
        Path dataDir,
        Path workspace,
        Duration turnTimeout,
        String claudeBin,
        String permissionMode,
        boolean claudeSandbox,
        long demoDelayMs,
        int engineNice,
        long cancelGraceMs,
        String sourceDir,
        JsonObject env) {

    public static final String AREA = "sessions";
    public static final String ENV_TURN_TIMEOUT = "CIAL_TURN_TIMEOUT_SECONDS";
    public static final String ENV_CLAUDE_BIN = "CIAL_CLAUDE_BIN";
    public static final String ENV_PERMISSION_MODE = "CIAL_CLAUDE_PERMISSION_MODE";
    public static final String ENV_CLAUDE_SANDBOX = "CIAL_CLAUDE_IS_SANDBOX";
    public static final String ENV_DEMO_DELAY = "CIAL_DEMO_DELAY_MS";
    public static final String ENV_ENGINE_NICE = "CIAL_ENGINE_NICE";
    public static final String CANCEL_GRACE_MS = "sessions.cancelGraceMs";
    public static final String REPO_ROOT_PROPERTY = "cial.repo.root";

    public static final long DEFAULT_TURN_TIMEOUT_SECONDS = 1800;
    public static final String DEFAULT_PERMISSION_MODE = "acceptEdits";
    public static final long DEFAULT_DEMO_DELAY_MS = 60;
    public static final int DEFAULT_ENGINE_NICE = 10;
    static final int MAX_NICE = 19;
    public static final long DEFAULT_CANCEL_GRACE_MS = 3000;

    /** Reads and validates the configuration; fails with a message naming the bad key. */
    public static SessionsConfig from(JsonObject instanceConfig) {
        String dataDir = instanceConfig.getString(InstanceConfig.DATA_DIR);
        if (dataDir == null || dataDir.isBlank()) {
            throw new IllegalArgumentException(
                    "sessions: instance config key '" + InstanceConfig.DATA_DIR + "' is required");
        }
        Path data = Path.of(dataDir).toAbsolutePath();
        JsonObject env = InstanceConfig.env(instanceConfig);
        String workspace = instanceConfig.getString(InstanceConfig.WORKSPACE);
        return new SessionsConfig(
                data,
                workspace == null
                        ? data.resolve("workspace")
                        : Path.of(workspace).toAbsolutePath(),
                Duration.ofSeconds(positive(env, ENV_TURN_TIMEOUT, DEFAULT_TURN_TIMEOUT_SECONDS)),
                blankToNull(env.getString(ENV_CLAUDE_BIN)),
                permissionMode(env.getString(ENV_PERMISSION_MODE, DEFAULT_PERMISSION_MODE)),
                flag(env, ENV_CLAUDE_SANDBOX),
                nonNegative(env, ENV_DEMO_DELAY, DEFAULT_DEMO_DELAY_MS),
                niceness(env),
                instanceConfig.getLong(CANCEL_GRACE_MS, DEFAULT_CANCEL_GRACE_MS),
                instanceConfig.getString(InstanceConfig.SOURCE_DIR, System.getProperty(REPO_ROOT_PROPERTY)),
                env);
    }

    /** {@code <dataDir>/sessions}: the area's own folder. */
    public Path areaDir() {
        return dataDir.resolve(AREA);
    }

    public Path databaseFile() {
        return areaDir().resolve("sessions.db");
    }

    /** Per-turn log and prompt files. */
    public Path turnsDir() {
        return areaDir().resolve("turns");
    }

    /** The engine output of one turn, tailed by the server; kept until its session is deleted. */
    public Path turnLog(String turnId) {
        return turnsDir().resolve(turnId + ".log");
    }

    /** The prompt of one turn, the engine's stdin; removed when the turn ends. */
    public Path turnPrompt(String turnId) {
        return turnsDir().resolve(turnId + ".prompt");
    }

    /** The MCP config of one turn (its servers' secrets, owner-only); removed when the turn ends. */
    public Path turnMcpConfig(String turnId) {
        return turnsDir().resolve(turnId + ".mcp.json");
    }

    /** The text appended to the engine's system prompt for one turn; removed when the turn ends. */
    public Path turnSystemPrompt(String turnId) {
        return turnsDir().resolve(turnId + ".system.md");
    }

    /** Every file of one turn that is removed when the turn ends (the log stays until its session is deleted). */
    public List<Path> turnScratchFiles(String turnId) {
        return List.of(turnPrompt(turnId), turnMcpConfig(turnId), turnSystemPrompt(turnId));
    }

    /** {@code <sourceDir>/bin} (the instance's own commands, e.g. cial-cli); null when the source is unknown. */
    public Path binDir() {
        return sourceDir == null ? null : Path.of(sourceDir).resolve("bin");
    }

    /** HOME and TMPDIR of engine processes, so nothing they write lands outside the data directory. */
    public Path engineHome() {
        return areaDir().resolve("engine-home");
    }

    private static long positive(JsonObject env, String key, long fallback) {
        long value = number(env, key, fallback);
        if (value <= 0) {
            throw new IllegalArgumentException("sessions: " + key + " must be a positive number, got " + value);
        }
        return value;
    }

    private static long nonNegative(JsonObject env, String key, long fallback) {
        long value = number(env, key, fallback);
        if (value < 0) {
            throw new IllegalArgumentException("sessions: " + key + " must not be negative, got " + value);
        }
        return value;
    }

    private static long number(JsonObject env, String key, long fallback) {
        String raw = blankToNull(env.getString(key));
        if (raw == null) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sessions: " + key + " must be an integer, got '" + raw + "'");
        }
    }

    private static int niceness(JsonObject env) {
        long value = nonNegative(env, ENV_ENGINE_NICE, DEFAULT_ENGINE_NICE);
        if (value > MAX_NICE) {
            throw new IllegalArgumentException(
                    "sessions: " + ENV_ENGINE_NICE + " must be between 0 and " + MAX_NICE + ", got " + value);
        }
        return (int) value;
    }

    private static boolean flag(JsonObject env, String key) {
        String raw = blankToNull(env.getString(key));
        if (raw == null) {
            return false;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new IllegalArgumentException(
                    "sessions: " + key + " must be true or false, got '" + raw + "'");
        };
    }

    private static String permissionMode(String mode) {
        if (!mode.matches("[A-Za-z]{1,40}")) {
            throw new IllegalArgumentException("sessions: " + ENV_PERMISSION_MODE + " must be a mode name such as "
                    + DEFAULT_PERMISSION_MODE + ", got '" + mode + "'");
        }
        return mode;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
