package io.cial.sessions.engine;

import io.cial.sessions.SessionsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Claude Code CLI in headless stream-json mode. The same engine serves kimi: only the credential (key, base URL and
 * model) differs, and it comes with the turn's {@link TurnContext}, as do the env tools (added to the environment), the
 * MCP servers (a per-turn {@code --mcp-config} file, owner-only, with {@code --strict-mcp-config} so no other MCP
 * configuration applies), the appended system prompt ({@code --append-system-prompt-file}, rendered afresh on every
 * turn) and the folders the engine may read besides its workspace ({@code --add-dir}).
 */
public final class ClaudeEngine implements Engine {

    /** Keeps the CLI from any traffic but the model API (no telemetry, updates, error reports). */
    static final Map<String, String> QUIET = Map.of(
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
            "DISABLE_TELEMETRY", "1",
            "DISABLE_AUTOUPDATER", "1",
            "DISABLE_ERROR_REPORTING", "1");

    /** The agent may always run the instance's own CLI, whatever the permission mode. */
    static final String ALLOWED_TOOLS = "Bash(cial-cli:*)";

    static final String CLI = "cial-cli";

    private final Vertx vertx;
    private final SessionsConfig config;

    public ClaudeEngine(Vertx vertx, SessionsConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    @Override
    public Future<EngineLaunch> prepare(TurnSpec turn) {
        return vertx.executeBlocking(() -> launch(turn), false);
    }

    private EngineLaunch launch(TurnSpec turn) {
        Path binary = ClaudeBinary.resolve(config);
        List<String> command = new ArrayList<>(command(binary, turn));
        List<EngineLaunch.LaunchFile> files = new ArrayList<>();
        TurnContext context = turn.context();
        if (!context.mcpServers().isEmpty()) {
            Path mcp = config.turnMcpConfig(turn.turnId());
            files.add(new EngineLaunch.LaunchFile(
                    mcp,
                    new JsonObject().put("mcpServers", context.mcpServers()).encodePrettily()));
            command.addAll(List.of("--mcp-config", mcp.toString()));
        }
        String prompt = EnginePrompt.build(context, cliAvailable());
        if (!prompt.isEmpty()) {
            Path file = config.turnSystemPrompt(turn.turnId());
            files.add(new EngineLaunch.LaunchFile(file, prompt));
            command.addAll(List.of("--append-system-prompt-file", file.toString()));
        }
        readableFolders(context).forEach(dir -> command.addAll(List.of("--add-dir", dir.toString())));
        return new EngineLaunch(command, environment(turn), config.workspace(), files);
    }

    /** Credential, then the quiet switches, then the server's own variables, then env tools where nothing is set. */
    private Map<String, String> environment(TurnSpec turn) {
        Map<String, String> env = new HashMap<>(turn.context().credentialEnv());
        env.putAll(QUIET);
        if (config.claudeSandbox()) {
            env.put("IS_SANDBOX", "1");
        }
        env.putAll(EngineEnvironment.base(config, turn));
        EngineEnvironment.addTools(env, turn.context().toolEnv());
        return env;
    }

    private List<String> command(Path binary, TurnSpec turn) {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "-p",
                "--output-format",
                "stream-json",
                "--verbose",
                "--include-partial-messages",
                "--permission-mode",
                config.permissionMode(),
                "--allowedTools",
                ALLOWED_TOOLS,
                "--strict-mcp-config",
                // Each turn brings its own tools, knowledges and attachments: never replay the first turn's prompt.
                "--system-prompt-snapshot",
                "off",
                turn.resume() ? "--resume" : "--session-id",
                turn.engineSessionId()));
        if (turn.model() != null) {
            command.add("--model");
            command.add(turn.model());
        }
        return command;
    }

    /** The knowledges' folders and the folders of the attached files, each once. */
    private static Set<Path> readableFolders(TurnContext context) {
        Set<Path> folders = new LinkedHashSet<>(context.knowledgeRoots());
        context.attachments().forEach(a -> folders.add(a.path().getParent()));
        return folders;
    }

    private boolean cliAvailable() {
        Path bin = config.binDir();
        return bin != null && Files.isExecutable(bin.resolve(CLI));
    }
}
