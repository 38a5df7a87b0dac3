package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliException;
import io.cial.cli.CliRuntime;
import io.cial.cli.output.Details;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cial-cli self ...}: the loopback-only self-edit and recovery operations (deploy, restart, rollback, commit,
 * build history, UI versions). They go to {@code --self-url} ({@code CIAL_SELF_URL}, default port 4000).
 */
@Command(
        name = "self",
        mixinStandardHelpOptions = true,
        description = "Rebuild, restart, roll back and commit the instance's own source (loopback listener only).",
        subcommands = {SelfDeployCommand.class, SelfCommand.Ui.class})
public final class SelfCommand {

    @ParentCommand
    CialCli root;

    @Command(name = "deploys", mixinStandardHelpOptions = true, description = "Deploy history, or one deploy.")
    void deploys(
            @Parameters(paramLabel = "DEPLOY_ID", arity = "0..1", description = "Show this one with its log tail.")
                    String deployId,
            @Option(names = "--limit", paramLabel = "N") Integer limit) {
        CliRuntime rt = root.runtime();
        Output out = rt.output();
        if (deployId != null) {
            printDeploy(out, rt.op("getDeploy").path("deployId", deployId).object(), true);
            return;
        }
        JsonObject page = rt.op("listDeploys").query("limit", limit).object();
        if (out.json()) {
            out.printJson(page);
            return;
        }
        Table table = Table.of("DEPLOY", "STATUS", "OK", "EXIT", "DURATION", "STARTED");
        for (Object item : page.getJsonArray("deploys", new JsonArray())) {
            JsonObject d = (JsonObject) item;
            table.row(
                    d.getString("deployId"),
                    d.getString("status"),
                    d.getBoolean("ok", false) ? "yes" : "no",
                    d.getValue("exitCode"),
                    seconds(d.getLong("durationMs", 0L)),
                    out.time().format(d.getString("startedAt")));
        }
        table.print(out.out());
    }

    @Command(
            name = "restart",
            mixinStandardHelpOptions = true,
            description = "Restart gracefully into the current build.")
    void restart() {
        CliRuntime rt = root.runtime();
        JsonObject result = rt.op("restartSelf").object();
        if (rt.output().json()) {
            rt.output().printJson(result);
        } else {
            rt.output()
                    .line(result.getString("status")
                            + (result.getString("buildId") == null
                                    ? ""
                                    : " into build " + result.getString("buildId")));
        }
    }

    @Command(name = "builds", mixinStandardHelpOptions = true, description = "The staged server builds.")
    void builds() {
        CliRuntime rt = root.runtime();
        JsonObject list = rt.op("listBuilds").object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(list);
            return;
        }
        Table table = Table.of("BUILD", "CREATED", "CURRENT", "KNOWN-GOOD");
        for (Object item : list.getJsonArray("builds", new JsonArray())) {
            JsonObject b = (JsonObject) item;
            table.row(
                    b.getString("buildId"),
                    out.time().format(b.getString("createdAt")),
                    b.getBoolean("current", false) ? "yes" : "",
                    b.getBoolean("knownGood", false) ? "yes" : "");
        }
        table.print(out.out());
        out.note("running: " + orSource(list.getString("running")) + ", current: "
                + orSource(list.getString("current")));
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = "Go back to the previous known-good build (or BUILD_ID), then restart.")
    void rollback(@Parameters(paramLabel = "BUILD_ID", arity = "0..1") String buildId) {
        JsonObject body = buildId == null ? new JsonObject() : new JsonObject().put("buildId", buildId);
        CliRuntime rt = root.runtime();
        JsonObject result = rt.op("rollbackSelf").json(body).object();
        if (rt.output().json()) {
            rt.output().printJson(result);
        } else {
            rt.output().line("build " + result.getString("buildId") + ": " + result.getString("status"));
        }
    }

    @Command(name = "commit", mixinStandardHelpOptions = true, description = "Commit the source tree's changes.")
    void commit(
            @Option(
                            names = {"-m", "--message"},
                            required = true,
                            paramLabel = "MESSAGE")
                    String message,
            @Parameters(paramLabel = "PATH", arity = "0..*", description = "Only these paths (default: every change).")
                    List<String> paths) {
        JsonObject body = new JsonObject().put("message", message);
        if (paths != null && !paths.isEmpty()) {
            body.put("paths", new JsonArray(List.copyOf(paths)));
        }
        CliRuntime rt = root.runtime();
        JsonObject result = rt.op("commitSelf").json(body).object();
        if (rt.output().json()) {
            rt.output().printJson(result);
        } else {
            rt.output().line("committed " + result.getString("commitId") + " on " + result.getString("branch"));
        }
    }

    /** Prints a deploy; with {@code withLog} also its log tail. */
    static void printDeploy(Output out, JsonObject d, boolean withLog) {
        if (out.json()) {
            out.printJson(d);
            return;
        }
        Details details = Details.of()
                .add("deploy", d.getString("deployId"))
                .add("status", d.getString("status"))
                .add("ok", d.getBoolean("ok", false) ? "yes" : "no")
                .add("exit code", d.getValue("exitCode"))
                .add("duration", seconds(d.getLong("durationMs", 0L)))
                .add("build", d.getString("buildId"))
                .add("log", d.getString("logPath"));
        if (!d.getString("errorSummary", "").isBlank()) {
            details.add("errors", d.getString("errorSummary"));
        }
        if (withLog) {
            details.add("log tail", d.getString("logTail"));
        }
        details.print(out);
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String orSource(String build) {
        return build == null ? "the source jar" : build;
    }

    /** {@code cial-cli self ui builds|rollback}: the served web UI's versions. */
    @Command(name = "ui", mixinStandardHelpOptions = true, description = "The served web UI's versions.")
    static final class Ui {

        @ParentCommand
        SelfCommand self;

        @Command(name = "builds", mixinStandardHelpOptions = true, description = "The UI versions.")
        void builds() {
            CliRuntime rt = self.root.runtime();
            print(rt.output(), rt.op("listUiBuilds").object());
        }

        @Command(
                name = "rollback",
                mixinStandardHelpOptions = true,
                description = "Serve the previous known-good UI version (or VERSION), instantly.")
        void rollback(@Parameters(paramLabel = "VERSION", arity = "0..1") String version) {
            JsonObject body = version == null ? new JsonObject() : new JsonObject().put("version", version);
            CliRuntime rt = self.root.runtime();
            print(rt.output(), rt.op("rollbackUi").json(body).object());
        }

        private static void print(Output out, JsonObject list) {
            if (out.json()) {
                out.printJson(list);
                return;
            }
            Table table = Table.of("VERSION", "STATUS", "CREATED", "CURRENT", "KNOWN-GOOD");
            for (Object item : list.getJsonArray("builds", new JsonArray())) {
                JsonObject b = (JsonObject) item;
                table.row(
                        b.getString("version"),
                        b.getString("status"),
                        out.time().format(b.getString("createdAt")),
                        b.getBoolean("current", false) ? "yes" : "",
                        b.getBoolean("knownGood", false) ? "yes" : "");
            }
            table.print(out.out());
        }
    }

    static CliException deployFailed(JsonObject d) {
        return CliException.failure(
                "deploy %s %s (exit code %s)", d.getString("deployId"), d.getString("status"), d.getValue("exitCode"));
    }
}
