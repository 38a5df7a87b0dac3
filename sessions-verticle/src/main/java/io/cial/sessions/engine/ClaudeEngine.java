package io.cial.sessions.engine;

import io.cial.sessions.SessionsConfig;
import io.cial.sessions.api.Provider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Claude Code CLI in headless stream-json mode. The same engine serves kimi: only the credential (key and base URL)
 * differs, and it comes from the {@link CredentialResolver}.
 */
public final class ClaudeEngine implements Engine {

    /** Keeps the CLI from any traffic but the model API (no telemetry, updates, error reports). */
    static final Map<String, String> QUIET = Map.of(
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
            "DISABLE_TELEMETRY", "1",
            "DISABLE_AUTOUPDATER", "1",
            "DISABLE_ERROR_REPORTING", "1");

    private final Vertx vertx;
    private final SessionsConfig config;
    private final CredentialResolver credentials;
    private final Provider provider;

    public ClaudeEngine(Vertx vertx, SessionsConfig config, CredentialResolver credentials, Provider provider) {
        this.vertx = vertx;
        this.config = config;
        this.credentials = credentials;
        this.provider = provider;
    }

    @Override
    public Future<EngineLaunch> prepare(TurnSpec turn) {
        return credentials
                .resolve(provider, turn.userId())
                .compose(credential -> vertx.executeBlocking(() -> launch(turn, credential), false));
    }

    private EngineLaunch launch(TurnSpec turn, Map<String, String> credential) {
        Path binary = ClaudeBinary.resolve(config);
        Map<String, String> env = new HashMap<>(EngineEnvironment.base(config, turn));
        env.putAll(QUIET);
        env.putAll(credential);
        return new EngineLaunch(command(binary, turn), env, config.workspace());
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
                turn.resume() ? "--resume" : "--session-id",
                turn.engineSessionId()));
        if (turn.model() != null) {
            command.add("--model");
            command.add(turn.model());
        }
        return command;
    }
}
