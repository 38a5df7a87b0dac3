package io.cial.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.cli.Cli;
import io.cial.cli.CliException;
import io.cial.cli.WithInstance;
import io.cial.protocol.Contract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cial-cli api}: every operation of the contract, called through the real gateway. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiCommandTest extends WithInstance {

    @TempDir
    Path files;

    @Test
    void listNamesEveryOperationOfTheContract() {
        List<String> ids = Contract.operations(Contract.load()).stream()
                .map(Contract.Operation::operationId)
                .toList();

        Cli.Result readable = cli().run("api", "--list");
        Cli.Result json = cli().run("api", "--list", "--json");

        assertThat(readable.exit()).as(readable.toString()).isZero();
        List<String> firstColumn =
                readable.out().lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
        assertThat(firstColumn).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(new JsonArray(json.out()).stream().map(o -> ((JsonObject) o).getString("operationId")))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void getHealthAnswersUp() {
        Cli.Result readable = cli().run("api", "getHealth");
        Cli.Result json = cli().run("--json", "api", "getHealth");

        assertThat(readable.exit()).as(readable.toString()).isZero();
        assertThat(readable.out()).contains("\"status\" : \"UP\"");
        assertThat(json.out().lines()).singleElement().satisfies(line -> assertThat(
                        new JsonObject(line).getString("status"))
                .isEqualTo("UP"));
    }

    @Test
    void textBodiesPrintAndDownloadsGoToAFile() throws Exception {
        Path saved = files.resolve("contract.json");

        Cli.Result yaml = cli().run("api", "getOpenApiYaml");
        Cli.Result download = cli().run("api", "getOpenApiJson", "-o", saved.toString());

        assertThat(yaml.exit()).as(yaml.toString()).isZero();
        assertThat(yaml.out()).startsWith("openapi: 3.1.0");
        assertThat(download.exit()).as(download.toString()).isZero();
        assertThat(download.err()).contains("saved").contains(saved.toString());
        assertThat(new JsonObject(Files.readString(saved))
                        .getJsonObject("paths")
                        .fieldNames())
                .contains("/system/health", "/sessions");
        assertThat(files.resolve("contract.json.partial")).doesNotExist();
    }

    @Test
    void dataFromAFileCreatesASession() throws Exception {
        Path body =
                Files.writeString(files.resolve("session.json"), "{\"name\": \"from a file\", \"provider\": \"demo\"}");

        Cli.Result created = cli().run("--json", "api", "createSession", "--data", "@" + body);
        Cli.Result fetched =
                cli().run("api", "getSession", "--path", "sessionId=" + new JsonObject(created.out()).getString("id"));

        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(new JsonObject(created.out()).getString("name")).isEqualTo("from a file");
        assertThat(fetched.exit()).as(fetched.toString()).isZero();
        assertThat(fetched.out()).contains("\"name\" : \"from a file\"");
    }

    @Test
    void theGatewaysValidationErrorIsReportedWithItsCode() {
        Cli.Result result = cli().run("api", "getSession", "--path", "sessionId=not valid!");

        assertThat(result.exit()).isEqualTo(CliException.FAILURE);
        assertThat(result.err()).startsWith("cial-cli: ").contains("sessionId").contains("(validation_failed)");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aWrongTokenIsRefused() {
        Cli.Result result = cli().run("--token", "cial_ot_wrong-token-for-this-test", "api", "listSessions");

        assertThat(result.exit()).isEqualTo(CliException.FAILURE);
        assertThat(result.err()).contains("(unauthenticated)").doesNotContain("cial_ot_wrong-token-for-this-test");
    }

    @Test
    void badUsageExitsTwoWithAReadableMessage() {
        Cli.Result unknown = cli().run("api", "getHelth");
        Cli.Result missingPath = cli().run("api", "getSession");
        Cli.Result badJson = cli().run("api", "createSession", "--data", "{name:");
        Cli.Result noBody = cli().run("api", "getHealth", "--data", "{}");
        Cli.Result badQuery = cli().run("api", "listSessions", "--query", "limit");
        Cli.Result nothing = cli().run("api");

        assertThat(List.of(unknown, missingPath, badJson, noBody, badQuery, nothing))
                .allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isEqualTo(CliException.USAGE));
        assertThat(unknown.err()).contains("unknown operation 'getHelth'");
        assertThat(missingPath.err()).contains("getSession needs --path sessionId=VALUE");
        assertThat(badJson.err()).contains("--data is not valid JSON");
        assertThat(noBody.err()).contains("getHealth takes no request body");
        assertThat(badQuery.err()).contains("--query takes NAME=VALUE");
        assertThat(nothing.err()).contains("give an OPERATION_ID");
    }

    @Test
    void anUnreachableInstanceExitsThree() {
        Cli.Result result = Cli.at("http://127.0.0.1:1/.cial/api", files).run("api", "getHealth");

        assertThat(result.exit()).isEqualTo(CliException.CONNECTION);
        assertThat(result.err()).contains("cannot reach the Cial instance").contains("CIAL_API_URL");
    }
}
