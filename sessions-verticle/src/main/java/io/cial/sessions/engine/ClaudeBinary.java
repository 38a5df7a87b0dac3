package io.cial.sessions.engine;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.sessions.SessionsConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the Claude Code CLI: {@code CIAL_CLAUDE_BIN} when set, else {@code claude} on the instance PATH, else the copy
 * the build installs under {@code <sourceDir>/build/claude-code}. Blocking (file checks): call on a worker.
 */
public final class ClaudeBinary {

    static final String INSTALLED = "build/claude-code/node_modules/.bin/claude";

    private ClaudeBinary() {}

    /** @throws ApiException {@code engine_unavailable} naming every place looked at */
    public static Path resolve(SessionsConfig config) {
        if (config.claudeBin() != null) {
            Path explicit = Path.of(config.claudeBin());
            if (Files.isExecutable(explicit)) {
                return explicit;
            }
            throw unavailable(List.of(explicit + " (" + SessionsConfig.ENV_CLAUDE_BIN + ")"));
        }
        List<String> tried = new ArrayList<>();
        String path = config.env().getString("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, "claude");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        tried.add("claude on PATH");
        if (config.sourceDir() != null) {
            Path installed = Path.of(config.sourceDir()).resolve(INSTALLED);
            if (Files.isExecutable(installed)) {
                return installed;
            }
            tried.add(installed.toString());
        }
        throw unavailable(tried);
    }

    private static ApiException unavailable(List<String> tried) {
        return ApiException.of(
                ErrorCode.ENGINE_UNAVAILABLE,
                "the Claude Code CLI was not found (looked at: %s); set %s or build with the install script",
                String.join(", ", tried),
                SessionsConfig.ENV_CLAUDE_BIN);
    }
}
