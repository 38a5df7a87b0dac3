package io.cial.sessions.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cial.protocol.Addresses;
import io.cial.protocol.AreaModule;
import io.cial.protocol.InstanceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class UploadsAreaTest {

    @TempDir
    Path dir;

    @Test
    void theServiceLoaderFindsTheAreaAndItDeploysFromTheInstanceConfig(Vertx vertx) {
        AreaModule area = ServiceLoader.load(AreaModule.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(module -> module instanceof UploadsArea)
                .findFirst()
                .orElseThrow();
        assertThat(area.address()).isEqualTo(Addresses.UPLOADS);

        area.deploy(vertx, instance()).await();
        assertThat(dir.resolve("data/uploads/" + UploadFiles.DATABASE)).exists();
    }

    @Test
    void readsLimitsFromTheEnvironmentAndFailsFastOnABadOne() {
        JsonObject env = new JsonObject().put(UploadsConfig.ENV_QUOTA_BYTES, "5000");
        UploadsConfig config = UploadsConfig.from(instance().put(InstanceConfig.ENV, env));
        assertThat(config.quotaBytes()).isEqualTo(5000);
        assertThat(config.maxFileBytes()).isEqualTo(UploadsConfig.DEFAULT_MAX_FILE_BYTES);
        assertThat(config.storage()).isEqualTo(dir.resolve("data/uploads"));

        assertThatThrownBy(() -> UploadsConfig.from(instance().put(UploadsConfig.MAX_FILE_BYTES, -1)))
                .hasMessageContaining(UploadsConfig.MAX_FILE_BYTES);
        assertThatThrownBy(() -> UploadsConfig.from(new JsonObject())).hasMessageContaining(InstanceConfig.DATA_DIR);
    }

    private JsonObject instance() {
        return new JsonObject().put(InstanceConfig.DATA_DIR, dir.resolve("data").toString());
    }
}
