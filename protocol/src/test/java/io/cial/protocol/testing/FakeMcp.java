package io.cial.protocol.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal stdio MCP server for tests that run the real Claude Code CLI: a Node.js script with one tool, {@code
 * ping}, that answers {@code pong} followed by the value of its {@value #ENV} environment variable (so a test can see
 * that the server's configured env reached it) and the call's arguments. Run it with {@code node}.
 */
public final class FakeMcp {

    /** The variable the server echoes in every answer. */
    public static final String ENV = "FAKE_MCP_GREETING";

    private static final String SCRIPT =
            """
            // Fake stdio MCP server for tests: one tool, ping.
            'use strict';
            const rl = require('readline').createInterface({ input: process.stdin });
            const send = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
            rl.on('line', (line) => {
              let m;
              try { m = JSON.parse(line); } catch { return; }
              if (m.method === 'initialize') {
                send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: m.params.protocolVersion,
                  capabilities: { tools: {} }, serverInfo: { name: 'fake', version: '0.0.1' } } });
              } else if (m.method === 'tools/list') {
                send({ jsonrpc: '2.0', id: m.id, result: { tools: [{ name: 'ping', description: 'Replies pong',
                  inputSchema: { type: 'object', properties: { msg: { type: 'string' } } } }] } });
              } else if (m.method === 'tools/call') {
                const text = 'pong ' + (process.env.%s || '') + ' ' + JSON.stringify(m.params.arguments);
                send({ jsonrpc: '2.0', id: m.id, result: { content: [{ type: 'text', text }] } });
              } else if (m.id !== undefined) {
                send({ jsonrpc: '2.0', id: m.id, result: {} });
              }
            });
            """
                    .formatted(ENV);

    private FakeMcp() {}

    /** Writes the server's script into {@code dir} and returns its path. */
    public static Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("fake-mcp.js"), SCRIPT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stdio server entry of an {@code mcpServers} object (and of a vault MCP tool's config) running the script. */
    public static JsonObject stdio(Path script, String greeting) {
        return new JsonObject()
                .put("command", "node")
                .put("args", new JsonArray().add(script.toString()))
                .put("env", new JsonObject().put(ENV, greeting));
    }
}
