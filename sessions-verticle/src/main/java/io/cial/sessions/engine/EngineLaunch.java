package io.cial.sessions.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The process of one turn: its command line, its complete environment (nothing is inherited from the server) and its
 * working folder. The prompt is not part of it: it goes to the process on stdin.
 */
public record EngineLaunch(List<String> command, Map<String, String> env, Path workDir) {

    public EngineLaunch {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** The command with credential-free arguments only, for logs. */
    @Override
    public String toString() {
        return "EngineLaunch" + command + " in " + workDir;
    }
}
