package io.cial.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cial.cli.CliException;
import io.cial.protocol.Contract;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationsTest {

    @Test
    void coversEveryOperationOfTheContract() {
        Operations operations = Operations.load();

        assertThat(operations.all())
                .extracting(Operations.Op::id)
                .containsExactlyInAnyOrderElementsOf(Contract.operations(Contract.load()).stream()
                        .map(Contract.Operation::operationId)
                        .toList());
    }

    @Test
    void resolvesPathParametersPercentEncoded() {
        Operations.Op op = Operations.from(document()).require("getThing");

        assertThat(op.method()).isEqualTo(HttpMethod.GET);
        assertThat(op.resolve(Map.of("thingId", "a b/c"))).isEqualTo("/things/a%20b%2Fc");
    }

    @Test
    void aMissingOrUnknownPathParameterIsAUsageError() {
        Operations.Op op = Operations.from(document()).require("getThing");

        assertThatThrownBy(() -> op.resolve(Map.of()))
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(CliException.USAGE))
                .hasMessageContaining("--path thingId=VALUE");
        assertThatThrownBy(() -> op.resolve(Map.of("thingId", "1", "other", "2")))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("no path parameter 'other'");
    }

    @Test
    void knowsLoopbackOperationsAndBodyTypes() {
        Operations operations = Operations.from(document());

        Operations.Op upload = operations.require("uploadThing");
        assertThat(upload.loopback()).isTrue();
        assertThat(upload.takesJson()).isFalse();
        assertThat(upload.bodyTypes()).containsExactly("application/octet-stream", "multipart/form-data");
        assertThat(operations.require("getThing").loopback()).isFalse();
    }

    @Test
    void anUnknownOperationSuggestsLookAlikes() {
        Operations operations = Operations.from(document());

        assertThatThrownBy(() -> operations.require("Thing"))
                .isInstanceOfSatisfying(
                        CliException.class, e -> assertThat(e.exitCode()).isEqualTo(CliException.USAGE))
                .hasMessageContaining("unknown operation 'Thing'")
                .hasMessageContaining("getThing");
    }

    private static JsonObject document() {
        return new JsonObject(
                """
                {"paths": {
                  "/things/{thingId}": {
                    "parameters": [{"$ref": "#/components/parameters/ThingId"}],
                    "get": {"operationId": "getThing", "summary": "One thing."}
                  },
                  "/self/things": {
                    "post": {"operationId": "uploadThing", "x-cial-listener": "loopback",
                      "requestBody": {"content": {"application/octet-stream": {}, "multipart/form-data": {}}}}
                  }},
                 "components": {"parameters": {"ThingId": {"name": "thingId", "in": "path", "required": true}}}}
                """);
    }
}
