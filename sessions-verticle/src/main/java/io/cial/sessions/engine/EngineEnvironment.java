package io.cial.sessions.engine;

import io.cial.sessions.SessionsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The minimal environment every engine process starts with: PATH and LANG from the instance environment, HOME and
 * TMPDIR under the area's engine home, and the turn's agent token and API URL. Never the server's whole environment.
 */
public final class EngineEnvironment {

    public static final String CIAL_TOKEN = "CIAL_TOKEN";
    public static final String CIAL_API_URL = "CIAL_API_URL";

    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    private static final String DEFAULT_LANG = "C.UTF-8";

    private EngineEnvironment() {}

    /** Builds the base environment, creating HOME and TMPDIR. Blocking: call on a worker. */
    public static Map<String, String> base(SessionsConfig config, TurnSpec turn) {
        Path home = config.engineHome();
        Path tmp = home.resolve("tmp");
        try {
            Files.createDirectories(tmp);
            Files.createDirectories(config.workspace());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("PATH", config.env().getString("PATH", DEFAULT_PATH));
        env.put("LANG", config.env().getString("LANG", DEFAULT_LANG));
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put(CIAL_TOKEN, turn.agentToken());
        if (turn.apiUrl() != null) {
            env.put(CIAL_API_URL, turn.apiUrl());
        }
        return env;
    }
}
