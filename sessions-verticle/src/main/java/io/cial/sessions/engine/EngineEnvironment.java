package io.cial.sessions.engine;

import io.cial.protocol.ReservedEnv;
import io.cial.sessions.SessionsConfig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The minimal environment every engine process starts with: PATH (with the instance's own {@code bin/} first, when the
 * source tree is known) and LANG from the instance environment, HOME and TMPDIR under the area's engine home, and the
 * turn's agent token and API URL. Never the server's whole environment. Env tools are added on top by {@link
 * #addTools}, which never lets one replace a variable the server set.
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
        env.put("PATH", path(config));
        env.put("LANG", config.env().getString("LANG", DEFAULT_LANG));
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put(CIAL_TOKEN, turn.agentToken());
        if (turn.apiUrl() != null) {
            env.put(CIAL_API_URL, turn.apiUrl());
        }
        return env;
    }

    /**
     * Adds the turn's env tools to {@code env}, skipping every reserved name ({@link ReservedEnv}) and every variable
     * already set, so a tool can never redirect the engine's API, credential, token, HOME or PATH.
     */
    public static void addTools(Map<String, String> env, Map<String, String> tools) {
        tools.forEach((name, value) -> {
            if (!ReservedEnv.isReserved(name) && !env.containsKey(name) && value != null) {
                env.put(name, value);
            }
        });
    }

    private static String path(SessionsConfig config) {
        String path = config.env().getString("PATH", DEFAULT_PATH);
        Path bin = config.binDir();
        return bin != null && Files.isDirectory(bin) ? bin.toAbsolutePath() + File.pathSeparator + path : path;
    }
}
