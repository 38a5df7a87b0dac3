package io.cial.vault;

import static io.cial.vault.ToolCrudTest.envTool;
import static io.cial.vault.VaultHarness.OWNER;
import static io.cial.vault.VaultHarness.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.vault.api.VaultOperations;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test for the Vert.x 5.0.7 JDBC client, whose {@code Pool.withTransaction} hands the connection back with
 * auto-commit off: every later plain statement on that connection stayed uncommitted and was lost at the next restart.
 * The vault's one transaction (replacing a session's tool overrides) must leave the pool's connections committing.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class TransactionDurabilityTest {

    /** More writes than the pool has connections, so one of them lands on the connection the transaction used. */
    private static final int WRITES = 12;

    @Test
    void writesAfterATransactionSurviveARestart(Vertx vertx, @TempDir Path dataDir) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);
        String first = vault.call(OWNER, VaultOperations.CREATE_TOOL, new JsonObject(), new JsonObject(), tool(0))
                .assertSuccess()
                .json()
                .getString("id");
        vault.call(
                        OWNER,
                        VaultOperations.SET_SESSION_TOOLS,
                        path("sessionId", "sess_tx"),
                        new JsonObject(),
                        new JsonObject().put("overrides", new JsonObject().put(first, false)))
                .assertSuccess();
        IntStream.rangeClosed(1, WRITES).forEach(i -> vault.call(
                        OWNER, VaultOperations.CREATE_TOOL, new JsonObject(), new JsonObject(), tool(i))
                .assertSuccess());

        vault.restart();

        List<String> names = vault.call(OWNER, VaultOperations.LIST_TOOLS).assertSuccess().items().stream()
                .map(t -> ((JsonObject) t).getString("name"))
                .toList();
        assertThat(names).hasSize(WRITES + 1);
        JsonObject overridden = vault
                .call(OWNER, VaultOperations.GET_SESSION_TOOLS, path("sessionId", "sess_tx"))
                .assertSuccess()
                .items()
                .stream()
                .map(JsonObject.class::cast)
                .filter(t -> first.equals(t.getString("id")))
                .findFirst()
                .orElseThrow();
        assertThat(overridden.getBoolean("override")).isFalse();
    }

    private static JsonObject tool(int i) {
        return envTool("TX_TOOL_" + i, "tx-fake-value-" + i);
    }
}
