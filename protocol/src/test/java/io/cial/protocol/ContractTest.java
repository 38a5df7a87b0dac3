package io.cial.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContractTest {

    @Test
    void assembledContractLoadsAsOpenApi31() {
        JsonObject document = Contract.load();
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIContract contract = OpenAPIContract.from(vertx, document).await();
            assertThat(contract.getVersion().name()).isEqualTo("V3_1");
            assertThat(contract.operation("startTurn")).isNotNull();
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void everyOperationHasAUniqueIdAndTheAreaOperationsAnAddress() {
        Set<String> ids = new HashSet<>();
        for (Contract.Operation op : Contract.operations(Contract.load())) {
            assertThat(op.operationId()).as(op.method() + " " + op.path()).isNotBlank();
            assertThat(ids.add(op.operationId()))
                    .as("duplicate " + op.operationId())
                    .isTrue();
            if (!op.operationId().startsWith("getOpenApi")) {
                assertThat(op.address()).as(op.operationId()).startsWith("cial.");
            }
        }
        assertThat(ids).contains("listSessions", "createSession", "getHealth");
    }

    @Test
    void everyErrorCodeMapsToAnErrorStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.status()).as(code.code()).isBetween(400, 599);
            assertThat(ErrorCode.fromCode(code.code())).isSameAs(code);
        }
        assertThat(ErrorCode.fromCode("no_such_code")).isSameAs(ErrorCode.INTERNAL);
    }
}
