package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliRuntime;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code cial-cli skills list}: the slash commands and skills of the workspace and the engine's HOME. */
@Command(name = "skills", mixinStandardHelpOptions = true, description = "The catalog of skills and slash commands.")
public final class SkillsCommand {

    @ParentCommand
    CialCli root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every skill and command, by name.")
    void list() {
        CliRuntime rt = root.runtime();
        JsonObject catalog = rt.op("listSkills").object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(catalog);
            return;
        }
        Table table = Table.of("NAME", "KIND", "SOURCE", "ARGUMENTS", "DESCRIPTION");
        for (Object item : catalog.getJsonArray("skills", new JsonArray())) {
            JsonObject s = (JsonObject) item;
            String name = "/" + s.getString("name") + (s.getBoolean("shadowed", false) ? " (shadowed)" : "");
            table.row(
                    name,
                    s.getString("kind"),
                    s.getString("source"),
                    s.getString("argumentHint"),
                    s.getString("description"));
            for (Object warning : s.getJsonArray("warnings", new JsonArray())) {
                out.note("warning: " + s.getString("path") + ": " + warning);
            }
        }
        table.print(out.out());
    }
}
