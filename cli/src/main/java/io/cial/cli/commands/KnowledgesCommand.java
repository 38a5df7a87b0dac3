package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliRuntime;
import io.cial.cli.output.Details;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cial-cli knowledges ...}: knowledge bases (name, description, instructions) and their files. */
@Command(
        name = "knowledges",
        mixinStandardHelpOptions = true,
        description = "Knowledge bases the agent reads: create, describe, and put or get their files.")
public final class KnowledgesCommand {

    @ParentCommand
    CialCli root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every knowledge.")
    void list() {
        CliRuntime rt = root.runtime();
        JsonObject page = rt.op("listKnowledges").object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(page);
            return;
        }
        Table table = Table.of("NAME", "FILES", "SIZE", "UPDATED", "DESCRIPTION");
        for (Object item : page.getJsonArray("knowledges", new JsonArray())) {
            JsonObject k = (JsonObject) item;
            table.row(
                    k.getString("name") + (k.getBoolean("readOnly", false) ? " (read-only)" : ""),
                    k.getValue("files"),
                    Details.bytes(k.getLong("bytes", 0L)),
                    out.time().format(k.getString("updatedAt")),
                    k.getString("description"));
        }
        table.print(out.out());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an empty knowledge.")
    void create(
            @Parameters(paramLabel = "NAME", description = "Lower-case letters, digits, - and _.") String name,
            @Option(names = "--description", paramLabel = "TEXT") String description,
            @Option(names = "--instructions", paramLabel = "TEXT|@FILE|-", description = "The guide for the agent.")
                    String instructions) {
        JsonObject body = new JsonObject().put("name", name);
        putText(body, "description", description);
        putText(body, "instructions", instructions);
        print(root.runtime().op("createKnowledge").json(body).object());
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One knowledge and its instructions.")
    void show(@Parameters(paramLabel = "NAME") String name) {
        print(root.runtime().op("getKnowledge").path("name", name).object());
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change description or instructions.")
    void update(
            @Parameters(paramLabel = "NAME") String name,
            @Option(names = "--description", paramLabel = "TEXT") String description,
            @Option(names = "--instructions", paramLabel = "TEXT|@FILE|-") String instructions) {
        JsonObject body = new JsonObject();
        putText(body, "description", description);
        putText(body, "instructions", instructions);
        print(root.runtime().op("updateKnowledge").path("name", name).json(body).object());
    }

    @Command(name = "rm", aliases = "delete", mixinStandardHelpOptions = true, description = "Delete a knowledge.")
    void rm(@Parameters(paramLabel = "NAME") String name) {
        CliRuntime rt = root.runtime();
        rt.op("deleteKnowledge").path("name", name).send();
        done(rt, "deleted knowledge " + name);
    }

    @Command(name = "tree", mixinStandardHelpOptions = true, description = "The files and folders of a knowledge.")
    void tree(
            @Parameters(paramLabel = "NAME") String name,
            @Option(names = "--path", paramLabel = "FOLDER", description = "Only below this folder.") String path) {
        CliRuntime rt = root.runtime();
        JsonObject tree = rt.op("listKnowledgeTree")
                .path("name", name)
                .query("path", path)
                .object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(tree);
            return;
        }
        Table table = Table.of("PATH", "TYPE", "SIZE", "MODIFIED");
        for (Object item : tree.getJsonArray("entries", new JsonArray())) {
            JsonObject e = (JsonObject) item;
            boolean folder = "folder".equals(e.getString("type"));
            table.row(
                    e.getString("path") + (folder ? "/" : ""),
                    e.getString("type"),
                    folder ? "" : Details.bytes(e.getLong("size", 0L)),
                    out.time().format(e.getString("modifiedAt")));
        }
        table.print(out.out());
        if (tree.getBoolean("truncated", false)) {
            out.note("the listing stopped at its cap; use --path to look inside a folder");
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Create or replace a file (streamed).")
    void put(
            @Parameters(index = "0", paramLabel = "NAME") String name,
            @Parameters(index = "1", paramLabel = "PATH", description = "Where, inside the knowledge.") String path,
            @Parameters(index = "2", paramLabel = "FILE", description = "The local file to send.") String file) {
        CliRuntime rt = root.runtime();
        JsonObject entry = rt.op("writeKnowledgeFile")
                .path("name", name)
                .query("path", path)
                .file(Input.readableFile(file))
                .object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(entry);
        } else {
            out.line("wrote " + name + ":" + entry.getString("path") + " (" + Details.bytes(entry.getLong("size", 0L))
                    + ")");
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a text file, or save any file.")
    void get(
            @Parameters(index = "0", paramLabel = "NAME") String name,
            @Parameters(index = "1", paramLabel = "PATH") String path,
            @Option(
                            names = {"-o", "--output"},
                            paramLabel = "FILE",
                            description = "Save it here (streamed).")
                    Path output) {
        CliRuntime rt = root.runtime();
        Downloads.fetch(
                rt.output(), rt.op("readKnowledgeFile").path("name", name).query("path", path), output);
    }

    @Command(
            name = "rm-file",
            aliases = "delete-file",
            mixinStandardHelpOptions = true,
            description = "Delete a file, or a folder with everything in it.")
    void rmFile(
            @Parameters(index = "0", paramLabel = "NAME") String name,
            @Parameters(index = "1", paramLabel = "PATH") String path) {
        CliRuntime rt = root.runtime();
        rt.op("deleteKnowledgeFile").path("name", name).query("path", path).send();
        done(rt, "deleted " + name + ":" + path);
    }

    @Command(name = "mv", aliases = "move", mixinStandardHelpOptions = true, description = "Move or rename a file.")
    void mv(
            @Parameters(index = "0", paramLabel = "NAME") String name,
            @Parameters(index = "1", paramLabel = "FROM") String from,
            @Parameters(index = "2", paramLabel = "TO") String to,
            @Option(names = "--overwrite", description = "Replace an existing target file.") boolean overwrite) {
        JsonObject body = new JsonObject().put("from", from).put("to", to).put("overwrite", overwrite);
        CliRuntime rt = root.runtime();
        JsonObject entry =
                rt.op("moveKnowledgeFile").path("name", name).json(body).object();
        if (rt.output().json()) {
            rt.output().printJson(entry);
        } else {
            rt.output().line("moved " + name + ":" + from + " to " + entry.getString("path"));
        }
    }

    private void print(JsonObject k) {
        Output out = root.runtime().output();
        if (out.json()) {
            out.printJson(k);
            return;
        }
        Details.of()
                .add("name", k.getString("name"))
                .add("description", k.getString("description"))
                .add("read-only", k.getBoolean("readOnly", false) ? "yes" : "no")
                .add("files", k.getValue("files") + " (" + Details.bytes(k.getLong("bytes", 0L)) + ")")
                .time("created", k.getString("createdAt"), out.time())
                .time("updated", k.getString("updatedAt"), out.time())
                .add("instructions", k.getString("instructions"))
                .print(out);
    }

    private void putText(JsonObject body, String key, String value) {
        if (value != null) {
            body.put(key, Input.textArg(root, value, "--" + key));
        }
    }

    private static void done(CliRuntime rt, String message) {
        if (!rt.output().json()) {
            rt.output().line(message);
        }
    }
}
