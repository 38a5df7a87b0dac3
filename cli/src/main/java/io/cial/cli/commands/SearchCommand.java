package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliRuntime;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cial-cli search TEXT}: full-text search over the messages of all the caller's sessions. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = "Searches the messages of all your sessions, newest match first.")
public final class SearchCommand implements Runnable {

    @ParentCommand
    CialCli root;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Words to find (joined with spaces).")
    String[] words;

    @Option(names = "--limit", description = "Matches per page (default 20).")
    Integer limit;

    @Option(names = "--cursor", description = "The next-page cursor a previous search printed.")
    String cursor;

    @Override
    public void run() {
        CliRuntime rt = root.runtime();
        var call = rt.op("searchMessages").query("q", String.join(" ", words));
        if (limit != null) {
            call.query("limit", limit);
        }
        if (cursor != null) {
            call.query("cursor", cursor);
        }
        JsonObject page = call.object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(page);
            return;
        }
        Table table = Table.of("SESSION", "ROLE", "WHEN", "MATCH");
        for (Object item : page.getJsonArray("items", new JsonArray())) {
            JsonObject hit = (JsonObject) item;
            table.row(
                    hit.getString("sessionName") + " (" + hit.getString("sessionId") + ")",
                    hit.getString("role"),
                    hit.getString("createdAt"),
                    hit.getString("snippetText").replace('\n', ' '));
        }
        table.print(out.out());
        String next = page.getString("nextCursor");
        if (next != null) {
            out.note("more: cial-cli search --cursor " + next + " " + String.join(" ", words));
        }
    }
}
