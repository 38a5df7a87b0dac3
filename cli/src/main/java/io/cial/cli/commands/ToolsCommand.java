package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliRuntime;
import io.cial.cli.output.Details;
import io.cial.cli.output.EventText;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cial-cli tools ...}: the vault's tools (env, MCP, markdown), secrets masked except in {@code config}. */
@Command(
        name = "tools",
        mixinStandardHelpOptions = true,
        description = "The vault's tools: env variables, MCP servers and markdown documents given to every turn.",
        subcommands = {ToolsAddCommand.class})
public final class ToolsCommand {

    @ParentCommand
    CialCli root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Your tools and the instance's.")
    void list(
            @Option(names = "--scope", paramLabel = "user|instance") String scope,
            @Option(names = "--kind", paramLabel = "env|mcp|markdown") String kind) {
        CliRuntime rt = root.runtime();
        JsonObject page =
                rt.op("listTools").query("scope", scope).query("kind", kind).object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(page);
            return;
        }
        Table table = Table.of("ID", "NAME", "KIND", "SCOPE", "ENABLED", "DETAIL");
        for (Object item : page.getJsonArray("items", new JsonArray())) {
            JsonObject tool = (JsonObject) item;
            table.row(
                    tool.getString("id"),
                    tool.getString("name"),
                    tool.getString("kind"),
                    tool.getString("scope"),
                    tool.getBoolean("enabled", false) ? "yes" : "no",
                    detail(tool));
        }
        table.print(out.out());
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One tool, secrets masked.")
    void show(@Parameters(paramLabel = "ID") String id) {
        print(root.runtime().op("getTool").path("toolId", id).object());
    }

    @Command(name = "rm", aliases = "delete", mixinStandardHelpOptions = true, description = "Delete a tool.")
    void rm(@Parameters(paramLabel = "ID") String id) {
        CliRuntime rt = root.runtime();
        rt.op("deleteTool").path("toolId", id).send();
        if (!rt.output().json()) {
            rt.output().line("deleted tool " + id);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Give the tool to every turn.")
    void enable(@Parameters(paramLabel = "ID") String id) {
        toggled(root.runtime().op("enableTool").path("toolId", id).object());
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stop giving the tool to turns.")
    void disable(@Parameters(paramLabel = "ID") String id) {
        toggled(root.runtime().op("disableTool").path("toolId", id).object());
    }

    @Command(
            name = "config",
            mixinStandardHelpOptions = true,
            description = "The tool's config with its secrets in clear (owner only; agent tokens get 403).")
    void config(@Parameters(paramLabel = "ID") String id) {
        JsonObject config =
                root.runtime().op("getToolConfig").path("toolId", id).object();
        Output out = root.runtime().output();
        if (out.json()) {
            out.printJson(config);
            return;
        }
        Details details = Details.of()
                .add("id", config.getString("id"))
                .add("name", config.getString("name"))
                .add("kind", config.getString("kind"))
                .add("scope", config.getString("scope"));
        addConfig(details, config.getJsonObject("config", new JsonObject()));
        details.print(out);
    }

    void print(JsonObject tool) {
        Output out = root.runtime().output();
        if (out.json()) {
            out.printJson(tool);
            return;
        }
        Details details = Details.of()
                .add("id", tool.getString("id"))
                .add("name", tool.getString("name"))
                .add("kind", tool.getString("kind"))
                .add("scope", tool.getString("scope"))
                .add("enabled", tool.getBoolean("enabled", false) ? "yes" : "no")
                .add("description", tool.getString("description"));
        addConfig(details, tool.getJsonObject("config", new JsonObject()));
        details.time("created", tool.getString("createdAt"), out.time())
                .time("updated", tool.getString("updatedAt"), out.time())
                .print(out);
    }

    private void toggled(JsonObject tool) {
        Output out = root.runtime().output();
        if (out.json()) {
            out.printJson(tool);
        } else {
            out.line("tool " + tool.getString("name") + " " + (tool.getBoolean("enabled") ? "enabled" : "disabled"));
        }
    }

    private static void addConfig(Details details, JsonObject config) {
        for (String key : config.fieldNames()) {
            Object value = config.getValue(key);
            String text = value instanceof JsonObject map
                    ? map.stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                    : value instanceof JsonArray list
                            ? list.stream().map(String::valueOf).collect(Collectors.joining(" "))
                            : String.valueOf(value);
            details.add("config." + key, text);
        }
    }

    private static String detail(JsonObject tool) {
        JsonObject config = tool.getJsonObject("config", new JsonObject());
        String description = tool.getString("description");
        if (description != null && !description.isBlank()) {
            return description;
        }
        return switch (tool.getString("kind", "")) {
            case "env" -> "value " + config.getString("value", "");
            case "mcp" -> config.containsKey("url")
                    ? config.getString("url")
                    : EventText.cut(config.getString("command", "") + " "
                            + config.getJsonArray("args", new JsonArray()).stream()
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(" ")));
            case "markdown" -> EventText.firstLine(config.getString("text", ""));
            default -> "";
        };
    }
}
