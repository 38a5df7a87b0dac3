package io.cial.knowledge;

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
class KnowledgeAreaTest {

    @TempDir
    Path dir;

    @Test
    void theServiceLoaderFindsTheAreaAndItDeploysFromTheInstanceConfig(Vertx vertx) {
        AreaModule area = ServiceLoader.load(AreaModule.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(module -> module instanceof KnowledgeArea)
                .findFirst()
                .orElseThrow();
        assertThat(area.address()).isEqualTo(Addresses.KNOWLEDGE);

        area.deploy(vertx, instance()).await();
        assertThat(dir.resolve("data/knowledge/builtin/cial-instance/README.md"))
                .exists();
    }

    @Test
    void readsLimitsAndTheEngineHomeFromTheEnvironmentWithDefaults() {
        JsonObject config = instance()
                .put(
                        InstanceConfig.ENV,
                        new JsonObject()
                                .put(KnowledgeConfig.ENV_MAX_FILE_BYTES, "1234")
                                .put(
                                        KnowledgeConfig.ENV_ENGINE_HOME,
                                        dir.resolve("home").toString()));
        KnowledgeConfig parsed = KnowledgeConfig.from(config);
        assertThat(parsed.maxFileBytes()).isEqualTo(1234);
        assertThat(parsed.maxKnowledgeBytes()).isEqualTo(KnowledgeConfig.DEFAULT_MAX_KNOWLEDGE_BYTES);
        assertThat(parsed.engineHome()).isEqualTo(dir.resolve("home"));
        assertThat(parsed.storage()).isEqualTo(dir.resolve("data/knowledge"));
        assertThat(KnowledgeConfig.from(instance()).engineHome()).isEqualTo(dir.resolve("data/sessions/engine-home"));
    }

    @Test
    void failsFastNamingTheKeyOfABadSetting() {
        assertThatThrownBy(() -> KnowledgeConfig.from(instance().put(KnowledgeConfig.MAX_KNOWLEDGE_BYTES, "lots")))
                .hasMessageContaining(KnowledgeConfig.MAX_KNOWLEDGE_BYTES);
        assertThatThrownBy(() -> KnowledgeConfig.from(instance().put(InstanceConfig.WORKSPACE, "relative/ws")))
                .hasMessageContaining(InstanceConfig.WORKSPACE);
        JsonObject noWorkspace = instance();
        noWorkspace.remove(InstanceConfig.WORKSPACE);
        assertThatThrownBy(() -> KnowledgeConfig.from(noWorkspace)).hasMessageContaining("'workspace' is required");
    }

    private JsonObject instance() {
        return new JsonObject()
                .put(InstanceConfig.DATA_DIR, dir.resolve("data").toString())
                .put(InstanceConfig.WORKSPACE, dir.resolve("workspace").toString());
    }
}
