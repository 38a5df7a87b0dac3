package io.cial.cli.commands;

import io.cial.cli.CliException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cial-cli tools add --kind env|mcp|markdown --name NAME ...}: creates a tool. A secret value given as
 * {@code -} is read from stdin, so it stays out of the shell history and the process list.
 */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = "Add a tool: --kind env (--value), mcp (--command/--arg/--env, or --server-url/--header), "
                + "markdown (--text).")
final class ToolsAddCommand implements Callable<Integer> {

    @ParentCommand
    ToolsCommand tools;

    @Option(names = "--kind", required = true, paramLabel = "env|mcp|markdown")
    String kind;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "For env tools, the variable.")
    String name;

    @Option(names = "--scope", paramLabel = "user|instance", description = "Whose tool (default user).")
    String scope;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    @Option(names = "--disabled", description = "Create it disabled.")
    boolean disabled;

    @Option(names = "--value", paramLabel = "VALUE|-", description = "env: the secret value; - reads stdin.")
    String value;

    @Option(names = "--command", paramLabel = "CMD", description = "mcp stdio: the server's command.")
    String command;

    @Option(names = "--arg", paramLabel = "ARG", description = "mcp stdio: one argument (repeatable).")
    List<String> args = List.of();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "mcp stdio: an environment variable.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--server-url", paramLabel = "URL", description = "mcp remote: the server's URL.")
    String url;

    @Option(names = "--header", paramLabel = "NAME=VALUE", description = "mcp remote: a request header.")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--text", paramLabel = "TEXT|@FILE|-", description = "markdown: the document.")
    String text;

    @Override
    public Integer call() {
        JsonObject body = new JsonObject()
                .put("kind", kind)
                .put("name", name)
                .put("enabled", !disabled)
                .put("config", config());
        if (scope != null) {
            body.put("scope", scope);
        }
        if (description != null) {
            body.put("description", description);
        }
        tools.print(tools.root.runtime().op("createTool").json(body).object());
        return CliException.OK;
    }

    private JsonObject config() {
        return switch (kind) {
            case "env" -> {
                if (value == null) {
                    throw CliException.usage("an env tool needs --value VALUE (or --value - to read it from stdin)");
                }
                yield new JsonObject().put("value", Input.valueOrStdin(tools.root, value, "--value"));
            }
            case "mcp" -> mcp();
            case "markdown" -> {
                if (text == null) {
                    throw CliException.usage("a markdown tool needs --text TEXT, --text @FILE or --text -");
                }
                yield new JsonObject().put("text", Input.textArg(tools.root, text, "--text"));
            }
            default -> throw CliException.usage("--kind must be env, mcp or markdown, got '%s'", kind);
        };
    }

    private JsonObject mcp() {
        if (url != null) {
            return new JsonObject()
                    .put("transport", "http")
                    .put("url", url)
                    .put("headers", new JsonObject(new LinkedHashMap<>(headers)));
        }
        if (command == null) {
            throw CliException.usage("an mcp tool needs --command CMD (stdio) or --server-url URL (remote)");
        }
        return new JsonObject()
                .put("transport", "stdio")
                .put("command", command)
                .put("args", new JsonArray(List.copyOf(args)))
                .put("env", new JsonObject(new LinkedHashMap<>(env)));
    }
}
