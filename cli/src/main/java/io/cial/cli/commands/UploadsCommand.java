package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliException;
import io.cial.cli.CliRuntime;
import io.cial.cli.output.Details;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cial-cli uploads ...}: the caller's attachment files, streamed both ways. */
@Command(name = "uploads", mixinStandardHelpOptions = true, description = "Your uploaded files (turn attachments).")
public final class UploadsCommand {

    @ParentCommand
    CialCli root;

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Upload files (streamed).")
    void add(@Parameters(paramLabel = "FILE", arity = "1..*") List<String> files) {
        CliRuntime rt = root.runtime();
        Table table = Table.of("ID", "NAME", "TYPE", "SIZE");
        for (String name : files) {
            Path file = Input.readableFile(name);
            JsonObject upload = rt.op("uploadFile")
                    .query("filename", file.getFileName().toString())
                    .file(file)
                    .object();
            if (rt.output().json()) {
                rt.output().printJson(upload);
            }
            table.row(upload.getString("id"), upload.getString("name"), upload.getString("contentType"), size(upload));
        }
        if (!rt.output().json()) {
            table.print(rt.output().out());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Your uploads, newest first.")
    void list(
            @Option(names = "--limit", paramLabel = "N") Integer limit,
            @Option(names = "--cursor", paramLabel = "CURSOR") String cursor) {
        CliRuntime rt = root.runtime();
        JsonObject page = rt.op("listUploads")
                .query("limit", limit)
                .query("cursor", cursor)
                .object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(page);
            return;
        }
        Table table = Table.of("ID", "NAME", "TYPE", "SIZE", "CREATED");
        for (Object item : page.getJsonArray("items", new JsonArray())) {
            JsonObject u = (JsonObject) item;
            table.row(
                    u.getString("id"),
                    u.getString("name"),
                    u.getString("contentType"),
                    size(u),
                    out.time().format(u.getString("createdAt")));
        }
        table.print(out.out());
        if (page.getString("nextCursor") != null) {
            out.note("more uploads: cial-cli uploads list --cursor " + page.getString("nextCursor"));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One upload's metadata.")
    void show(@Parameters(paramLabel = "ID") String id) {
        CliRuntime rt = root.runtime();
        JsonObject u = rt.op("getUpload").path("uploadId", id).object();
        Output out = rt.output();
        if (out.json()) {
            out.printJson(u);
            return;
        }
        Details.of()
                .add("id", u.getString("id"))
                .add("name", u.getString("name"))
                .add("type", u.getString("contentType"))
                .add("size", size(u))
                .time("created", u.getString("createdAt"), out.time())
                .print(out);
    }

    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            description = "Download an upload, by default to its original name in the current folder.")
    void get(
            @Parameters(paramLabel = "ID") String id,
            @Option(
                            names = {"-o", "--output"},
                            paramLabel = "FILE",
                            description = "Save it here instead.")
                    Path output) {
        CliRuntime rt = root.runtime();
        Path target = output != null ? output : defaultTarget(rt, id);
        Downloads.fetch(rt.output(), rt.op("downloadUpload").path("uploadId", id), target);
    }

    @Command(name = "rm", aliases = "delete", mixinStandardHelpOptions = true, description = "Delete an upload.")
    void rm(@Parameters(paramLabel = "ID", arity = "1..*") List<String> ids) {
        CliRuntime rt = root.runtime();
        for (String id : ids) {
            rt.op("deleteUpload").path("uploadId", id).send();
            if (!rt.output().json()) {
                rt.output().line("deleted " + id);
            }
        }
    }

    /** The upload's original name, reduced to a plain file name; an existing file is never overwritten. */
    private static Path defaultTarget(CliRuntime rt, String id) {
        String name = rt.op("getUpload").path("uploadId", id).object().getString("name", id);
        String plain = name.replaceAll("[/\\\\\\x00-\\x1f]", "_");
        Path target = Path.of(plain.isBlank() || plain.startsWith(".") ? id : plain);
        if (Files.exists(target)) {
            throw CliException.usage("%s already exists: choose another name with -o FILE", target);
        }
        return target;
    }

    private static String size(JsonObject upload) {
        return Details.bytes(upload.getLong("size", 0L));
    }
}
