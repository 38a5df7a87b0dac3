package io.cial.vault.api;

import io.cial.protocol.ApiException;
import java.util.Arrays;

/**
 * The three kinds of tool. {@link #ENV}: one variable in the engine's environment. {@link #MCP}: an MCP server the
 * engine connects to. {@link #MARKDOWN}: a named document appended to the engine's system prompt.
 */
public enum ToolKind {
    ENV("env"),
    MCP("mcp"),
    MARKDOWN("markdown");

    private final String wire;

    ToolKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** @throws ApiException {@code validation_failed} naming {@code field} for an unknown or missing kind */
    public static ToolKind fromWire(String value, String field) {
        return Arrays.stream(values())
                .filter(kind -> kind.wire.equals(value))
                .findFirst()
                .orElseThrow(() -> ApiException.validation("%s must be one of env, mcp, markdown", field));
    }
}
