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
    void selfEditAndRecoveryOperationsExistOnlyInTheLoopbackView() {
        JsonObject document = Contract.load();
        JsonObject publicView = Contract.forListener(document, "public");
        JsonObject loopbackView = Contract.forListener(document, "loopback");

        Set<String> publicPaths = publicView.getJsonObject("paths").fieldNames();
        Set<String> loopbackPaths = loopbackView.getJsonObject("paths").fieldNames();
        assertThat(publicPaths).noneMatch(path -> path.startsWith("/self"));
        assertThat(publicPaths).contains("/ui/boot-report", "/system/ready", "/system/metrics");
        assertThat(loopbackPaths)
                .isNotEmpty()
                .allMatch(path -> path.startsWith("/self"))
                .contains("/self/deploy", "/self/commit", "/self/rollback", "/self/ui/rollback", "/self/ui/builds");
        Set<String> publicIds = new HashSet<>();
        Contract.operations(publicView).forEach(op -> publicIds.add(op.operationId()));
        assertThat(publicIds)
                .doesNotContain("deploySelf", "commitSelf", "rollbackSelf", "restartSelf", "rollbackUi")
                .contains("reportUiBoot", "getReadiness", "getPrometheusMetrics");
    }

    @Test
    void bothListenerViewsLoadAsContracts() {
        Vertx vertx = Vertx.vertx();
        try {
            for (String listener : new String[] {"public", "loopback"}) {
                JsonObject view = Contract.forListener(Contract.load(), listener);
                OpenAPIContract contract = OpenAPIContract.from(vertx, view).await();
                assertThat(contract.operations()).as(listener).isNotEmpty();
            }
        } finally {
            vertx.close().await();
        }
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
