package io.cial.cli.commands;

import io.cial.cli.CialCli;
import io.cial.cli.CliException;
import io.cial.cli.CliRuntime;
import io.cial.cli.http.ApiReply;
import io.cial.cli.http.OperationCall;
import io.cial.cli.http.Operations;
import io.cial.cli.output.Output;
import io.cial.cli.output.Table;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cial-cli api OPERATION_ID [--path k=v]... [--query k=v]... [--data JSON|@FILE|-] [-o FILE]}: calls any
 * operation of the contract by its operationId (method and path come from the contract), so the CLI covers the whole
 * API, including operations that have no dedicated command yet. Loopback-only operations go to the self-edit listener.
 */
@Command(
        name = "api",
        mixinStandardHelpOptions = true,
        description = "Call any operation of the API by its operationId; --list shows them all.")
public final class ApiCommand implements Callable<Integer> {

    @ParentCommand
    CialCli root;

    @Option(names = "--list", description = "List every operation of the contract.")
    boolean list;

    @Parameters(index = "0", arity = "0..1", paramLabel = "OPERATION_ID")
    String operationId;

    @Option(names = "--path", paramLabel = "NAME=VALUE", description = "A path parameter.")
    Map<String, String> path = new LinkedHashMap<>();

    @Option(names = "--query", paramLabel = "NAME=VALUE", description = "A query parameter (repeatable).")
    List<String> query = List.of();

    @Option(
            names = "--data",
            paramLabel = "JSON|@FILE|-",
            description = "The request body: JSON text, @FILE (JSON, or the file itself for upload operations), "
                    + "or - for JSON on stdin.")
    String data;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Save the response body to FILE (needed for binary bodies).")
    Path output;

    @Override
    public Integer call() {
        CliRuntime rt = root.runtime();
        if (list) {
            printList(rt.output(), rt.operations());
            return CliException.OK;
        }
        if (operationId == null) {
            throw CliException.usage("give an OPERATION_ID, or --list to see them");
        }
        OperationCall call = rt.op(operationId).paths(path);
        query.forEach(q -> addQuery(call, q));
        body(call);
        if (output != null) {
            call.saveTo(output);
        }
        return print(rt.output(), call.send());
    }

    private static void printList(Output out, Operations operations) {
        if (out.json()) {
            JsonArray all = new JsonArray();
            operations
                    .all()
                    .forEach(op -> all.add(new JsonObject()
                            .put("operationId", op.id())
                            .put("method", op.method().name())
                            .put("path", op.path())
                            .put("listener", op.loopback() ? "loopback" : "public")
                            .put("summary", op.summary())));
            out.printJson(all);
            return;
        }
        Table table = Table.of("OPERATION", "METHOD", "PATH", "SUMMARY");
        operations
                .all()
                .forEach(op -> table.row(
                        op.id(), op.method().name(), op.path() + (op.loopback() ? " (loopback)" : ""), op.summary()));
        table.print(out.out());
    }

    private static void addQuery(OperationCall call, String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw CliException.usage("--query takes NAME=VALUE, got '%s'", pair);
        }
        call.query(pair.substring(0, eq), pair.substring(eq + 1));
    }

    private void body(OperationCall call) {
        if (data == null) {
            return;
        }
        if (!call.op().takesBody()) {
            throw CliException.usage("%s takes no request body", call.op().id());
        }
        if (data.startsWith("@")) {
            fileBody(call, Path.of(data.substring(1)));
            return;
        }
        if (!call.op().takesJson()) {
            throw CliException.usage(
                    "%s takes %s: give the body as --data @FILE",
                    call.op().id(), call.op().bodyTypes());
        }
        call.json(parseJson("-".equals(data) ? readStdin() : data, "--data"));
    }

    private static void fileBody(OperationCall call, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.usage("--data @%s: no such readable file", file);
        }
        if (call.op().takesJson()) {
            call.json(parseJson(readFile(file), "--data @" + file));
        } else {
            call.file(file);
        }
    }

    private int print(Output out, ApiReply reply) {
        if (reply.savedTo() != null) {
            out.note("saved " + reply.savedBytes() + " bytes to " + reply.savedTo());
            return CliException.OK;
        }
        if (reply.body() == null || reply.body().length() == 0) {
            return CliException.OK;
        }
        if (!reply.isText()) {
            throw CliException.usage(
                    "the response is binary (%s, %d bytes): add -o FILE to save it",
                    reply.contentType(), reply.body().length());
        }
        if (reply.isJson() && !out.json()) {
            out.printPretty(reply.decode());
        } else {
            String text = reply.bodyText();
            out.text(text.endsWith("\n") ? text : text + "\n");
        }
        return CliException.OK;
    }

    private static Object parseJson(String text, String what) {
        try {
            return Json.decodeValue(text);
        } catch (DecodeException e) {
            throw CliException.usage("%s is not valid JSON: %s", what, e.getMessage());
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("cannot read %s: %s", file, e.getMessage());
        }
    }

    private String readStdin() {
        try {
            return new String(root.stdin().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("cannot read stdin: %s", e.getMessage());
        }
    }
}
