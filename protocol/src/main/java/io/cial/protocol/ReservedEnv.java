package io.cial.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Environment variables the server sets for an engine process itself. A user's env tool may never set one of them:
 * doing so could redirect the engine's API calls, its credential, its agent token or its files. The list is kept here,
 * once, so that the vault (which rejects such tools) and the sessions area (which builds the environment) agree.
 * Names compare case-insensitively.
 */
public final class ReservedEnv {

    private static final Set<String> NAMES = Set.of(
            "HOME",
            "PATH",
            "TMPDIR",
            "TMP",
            "TEMP",
            "USER",
            "LOGNAME",
            "SHELL",
            "PWD",
            "LANG",
            "TERM",
            "LD_PRELOAD",
            "LD_LIBRARY_PATH",
            "LD_AUDIT",
            "BASH_ENV",
            "ENV",
            "PROMPT_COMMAND",
            "SHELLOPTS",
            "BASHOPTS",
            "IFS",
            "PYTHONSTARTUP",
            "PYTHONPATH",
            "PERL5OPT",
            "RUBYOPT",
            "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS",
            "GIT_SSH_COMMAND",
            "NODE_OPTIONS",
            "KIMI_API_KEY",
            "API_TIMEOUT_MS",
            "IS_SANDBOX",
            "DISABLE_TELEMETRY",
            "DISABLE_AUTOUPDATER",
            "DISABLE_ERROR_REPORTING",
            "MCP_TIMEOUT");

    /** Prefixes the server owns, and {@code BASH_FUNC_} (exported functions run by every agent shell). */
    private static final List<String> PREFIXES = List.of("CIAL_", "ANTHROPIC_", "CLAUDE_", "BASH_FUNC_");

    private ReservedEnv() {}

    /** Whether the server owns this variable, so that no tool may set it. */
    public static boolean isReserved(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return NAMES.contains(upper) || PREFIXES.stream().anyMatch(upper::startsWith);
    }
}
