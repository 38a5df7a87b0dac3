package io.cial.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an instance is started with, from flags and environment variables ({@link Main}) or from a test.
 *
 * @param host public listener host
 * @param port public listener port (0 picks a free one)
 * @param selfPort loopback self-edit listener port (0 picks a free one)
 * @param dataDir where all state lives
 * @param workspace the folder the engine works in
 * @param sourceDir the source tree this instance was built from, or null when unknown
 * @param env the environment areas read their settings from (a copy, never mutated)
 * @param allowedOrigins extra origins allowed to open the WebSocket
 * @param validateResponses check every reply against the contract (tests)
 */
public record InstanceSettings(
        String host,
        int port,
        int selfPort,
        Path dataDir,
        Path workspace,
        Path sourceDir,
        Map<String, String> env,
        List<String> allowedOrigins,
        boolean validateResponses) {

    public static final int DEFAULT_SELF_PORT = 4000;

    public InstanceSettings {
        env = Map.copyOf(env);
        allowedOrigins = List.copyOf(allowedOrigins);
        dataDir = dataDir.toAbsolutePath().normalize();
        workspace = workspace == null
                ? dataDir.resolve("workspace")
                : workspace.toAbsolutePath().normalize();
    }

    /** A copy with another environment, for tests that start an instance with particular settings. */
    public InstanceSettings withEnv(Map<String, String> otherEnv) {
        return new InstanceSettings(
                host, port, selfPort, dataDir, workspace, sourceDir, otherEnv, allowedOrigins, validateResponses);
    }
}
