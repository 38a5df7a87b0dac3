package io.cial.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.AreaModule;
import io.cial.protocol.Contract;
import io.cial.protocol.ErrorCode;
import io.cial.vault.api.VaultOperations;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class VaultContractTest {

    private static Set<String> contractOperations() {
        return Contract.operations(Contract.load()).stream()
                .filter(op -> Addresses.VAULT.equals(op.address()))
                .map(Contract.Operation::operationId)
                .collect(Collectors.toSet());
    }

    private static Set<String> declaredOperations() {
        return Arrays.stream(VaultOperations.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(VaultContractTest::value)
                .collect(Collectors.toSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theOperationsOfTheVaultFragmentAreExactlyTheDeclaredOnes() {
        assertThat(contractOperations()).hasSize(16).isEqualTo(declaredOperations());
    }

    @Test
    void theInstanceFindsTheAreaThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(AreaModule.class).stream().map(ServiceLoader.Provider::type))
                .contains(VaultArea.class);
        assertThat(new VaultArea().address()).isEqualTo(Addresses.VAULT);
    }

    @Test
    void everyOperationOfTheFragmentIsServed(Vertx vertx, @TempDir Path dataDir) {
        VaultHarness.start(vertx, dataDir);

        for (String operation : contractOperations()) {
            JsonObject envelope =
                    ApiRequest.envelope(VaultHarness.OWNER, new JsonObject(), new JsonObject(), new JsonObject());
            try {
                vertx.eventBus()
                        .request(
                                Addresses.VAULT,
                                envelope,
                                new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, operation))
                        .await();
            } catch (ReplyException e) {
                assertThat(ApiException.fromJson(e.getMessage()).code())
                        .as(operation)
                        .isNotIn(ErrorCode.NOT_IMPLEMENTED, ErrorCode.INTERNAL);
            }
        }
    }
}
