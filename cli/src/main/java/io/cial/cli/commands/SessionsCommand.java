package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliRuntime;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cial-cli sessions ...}: the Sessions operations of the contract, with readable output. */
@Command(
        name = "sessions",
        mixinStandardHelpOptions = true,
        description = "List, create, show, rename and delete sessions; read their messages and events.",
        subcommands = {EventsCommand.class})
public final class SessionsCommand {

    @ParentCommand
    CialCli root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The sessions, newest activity first.")
    void list(
            @Option(names = "--limit", paramLabel = "N", description = "Page size (server default 50).") Integer limit,
            @Option(names = "--cursor", paramLabel = "CURSOR", description = "The page after a previous one.")
                    String cursor,
            @Option(names = "--all", description = "Fetch every page.") boolean all) {
        CliRuntime rt = root.runtime();
        Output out = rt.output();
        Table table = SessionViews.sessionTable();
        String next = cursor;
        do {
            JsonObject page = rt.op("listSessions")
                    .query("limit", limit)
                    .query("cursor", next)
                    .object();
            if (out.json()) {
                out.printJson(page);
            }
            page.getJsonArray("items", new JsonArray())
                    .forEach(s -> SessionViews.addSession(table, (JsonObject) s, out.time()));
            next = page.getString("nextCursor");
        } while (all && next != null);
        if (!out.json()) {
            table.print(out.out());
            if (next != null) {
                out.note("more sessions: cial-cli sessions list --cursor " + next);
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a session.")
    void create(
            @Option(names = "--name", paramLabel = "NAME") String name,
            @Option(names = "--provider", paramLabel = "PROVIDER", description = "claude, kimi or demo.")
                    String provider,
            @Option(names = "--model", paramLabel = "MODEL") String model) {
        JsonObject body = new JsonObject();
        putIfSet(body, "name", name);
        putIfSet(body, "provider", provider);
        putIfSet(body, "model", model);
        printSession(root.runtime().op("createSession").json(body).object());
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One session and its streaming state.")
    void show(@Parameters(paramLabel = "ID") String id) {
        printSession(root.runtime().op("getSession").path("sessionId", id).object());
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a session.")
    void rename(
            @Parameters(index = "0", paramLabel = "ID") String id,
            @Parameters(index = "1", paramLabel = "NAME") String name) {
        JsonObject body = new JsonObject().put("name", name);
        printSession(root.runtime()
                .op("renameSession")
                .path("sessionId", id)
                .json(body)
                .object());
    }

    @Command(
            name = "rm",
            aliases = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete sessions with their messages and events (a running turn is cancelled first).")
    void rm(@Parameters(paramLabel = "ID", arity = "1..*") List<String> ids) {
        CliRuntime rt = root.runtime();
        for (String id : ids) {
            rt.op("deleteSession").path("sessionId", id).send();
            if (!rt.output().json()) {
                rt.output().line("deleted " + id);
            }
        }
    }

    @Command(name = "messages", mixinStandardHelpOptions = true, description = "A page of a session's history.")
    void messages(
            @Parameters(paramLabel = "ID") String id,
            @Option(names = "--limit", paramLabel = "N", description = "Page size (server default 50).") Integer limit,
            @Option(names = "--cursor", paramLabel = "CURSOR", description = "The page before a previous one.")
                    String cursor) {
        CliRuntime rt = root.runtime();
        Output out = rt.output();
        JsonObject page = rt.op("listMessages")
                .path("sessionId", id)
                .query("limit", limit)
                .query("cursor", cursor)
                .object();
        if (out.json()) {
            out.printJson(page);
            return;
        }
        SessionViews.printMessages(out, page.getJsonArray("items", new JsonArray()));
        String next = page.getString("nextCursor");
        if (next != null) {
            out.note("older messages: cial-cli sessions messages " + id + " --cursor " + next);
        }
    }

    @Command(
            name = "tasks",
            mixinStandardHelpOptions = true,
            description = "Background work (shells, sub-agents) the session's engine started, newest first.")
    void tasks(@Parameters(paramLabel = "ID") String id) {
        CliRuntime rt = root.runtime();
        JsonObject page = rt.op("listTasks").path("sessionId", id).object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(page);
            return;
        }
        Table table = Table.of("TASK", "KIND", "STATUS", "STARTED", "ENDED", "DESCRIPTION");
        for (Object item : page.getJsonArray("items", new JsonArray())) {
            JsonObject t = (JsonObject) item;
            table.row(
                    t.getString("id"),
                    t.getString("kind"),
                    t.getString("status"),
                    out.time().format(t.getString("startedAt")),
                    out.time().format(t.getString("endedAt")),
                    t.getString("description"));
        }
        table.print(out.out());
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel the session's running turn.")
    void cancel(@Parameters(paramLabel = "ID") String id) {
        CliRuntime rt = root.runtime();
        JsonObject reply = rt.op("cancelTurn").path("sessionId", id).object();
        if (rt.output().json()) {
            rt.output().printJson(reply);
        } else {
            rt.output().line("cancelling turn " + reply.getString("turnId"));
        }
    }

    private void printSession(JsonObject session) {
        Output out = root.runtime().output();
        if (out.json()) {
            out.printJson(session);
        } else {
            SessionViews.printSession(out, session);
        }
    }

    private static void putIfSet(JsonObject body, String key, String value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
