package io.cial.sessions.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The process of one turn: its command line, its complete environment (nothing is inherited from the server), its
 * working folder, and the private files it reads (written owner-only just before it starts, removed when the turn
 * ends). The prompt is not part of it: it goes to the process on stdin.
 */
public record EngineLaunch(List<String> command, Map<String, String> env, Path workDir, List<LaunchFile> files) {

    public EngineLaunch {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        files = List.copyOf(files);
    }

    public EngineLaunch(List<String> command, Map<String, String> env, Path workDir) {
        this(command, env, workDir, List.of());
    }

    /** The command with credential-free arguments only, for logs. */
    @Override
    public String toString() {
        return "EngineLaunch" + command + " in " + workDir;
    }

    /** A file the engine reads, e.g. its MCP config; its content may hold secrets and is never printed. */
    public record LaunchFile(Path path, String content) {

        @Override
        public String toString() {
            return "LaunchFile[" + path + "]";
        }
    }
}
