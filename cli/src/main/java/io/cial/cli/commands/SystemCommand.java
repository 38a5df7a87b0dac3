package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliException;
import io.cial.cli.CliRuntime;
import io.cial.cli.http.ApiReply;
import io.cial.cli.output.Details;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code cial-cli system health|ready|metrics}: liveness, readiness with every check, resource use. */
@Command(name = "system", mixinStandardHelpOptions = true, description = "Health, readiness and resource metrics.")
public final class SystemCommand {

    @ParentCommand
    CialCli root;

    @Command(name = "health", mixinStandardHelpOptions = true, description = "Liveness.")
    void health() {
        CliRuntime rt = root.runtime();
        JsonObject health = rt.op("getHealth").object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(health);
        } else {
            out.line(health.getString("status")
                    + (health.containsKey("version") ? " (version " + health.getString("version") + ")" : ""));
        }
    }

    @Command(
            name = "ready",
            mixinStandardHelpOptions = true,
            description = "Readiness: every area and its storage; exits 1 when a check is DOWN.")
    int ready() {
        CliRuntime rt = root.runtime();
        ApiReply reply = rt.op("getReadiness").sendAsync().await();
        Object body = reply.isJson() ? reply.decode() : null;
        if (!(body instanceof JsonObject readiness) || !readiness.containsKey("checks")) {
            throw reply.failure();
        }
        Output out = rt.output();
        if (out.json()) {
            out.printJson(readiness);
        } else {
            Table table = Table.of("CHECK", "STATUS", "TIME", "DETAILS");
            for (Object item : readiness.getJsonArray("checks", new JsonArray())) {
                JsonObject c = (JsonObject) item;
                JsonObject details = c.getJsonObject("details");
                table.row(
                        c.getString("name"),
                        c.getString("status"),
                        c.getValue("durationMs") + " ms",
                        details == null ? "" : details.encode());
            }
            table.print(out.out());
        }
        return "UP".equals(readiness.getString("status")) ? CliException.OK : CliException.FAILURE;
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true, description = "CPU, memory, heap and data volume.")
    void metrics() {
        CliRuntime rt = root.runtime();
        JsonObject m = rt.op("getMetrics").object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(m);
            return;
        }
        JsonObject cpu = m.getJsonObject("cpu", new JsonObject());
        JsonObject memory = m.getJsonObject("memory", new JsonObject());
        JsonObject jvm = m.getJsonObject("jvm", new JsonObject());
        JsonObject disk = m.getJsonObject("disk", new JsonObject());
        Details.of()
                .add(
                        "cpu",
                        cpu.getValue("cores") + " cores, " + percent(cpu.getDouble("systemLoad", 0.0)) + " busy, load "
                                + cpu.getJsonArray("loadAverage", new JsonArray())
                                        .encode())
                .add("memory", used(memory.getLong("usedBytes", 0L), memory.getLong("totalBytes", 0L)))
                .add("heap", used(jvm.getLong("heapUsedBytes", 0L), jvm.getLong("heapMaxBytes", 0L)))
                .add(
                        "data volume",
                        used(disk.getLong("usedBytes", 0L), disk.getLong("totalBytes", 0L)) + " ("
                                + disk.getString("path") + ")")
                .time("sampled", m.getString("sampledAt"), out.time())
                .print(out);
    }

    private static String used(long used, long total) {
        return Details.bytes(used) + " of " + (total < 0 ? "unlimited" : Details.bytes(total));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
