package io.cial.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cial.protocol.InstanceConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Engine niceness: 10 unless set, 0 to 19 accepted, anything else refused with a message naming the variable. */
class SessionsConfigTest {

    private static SessionsConfig config(String nice) {
        JsonObject env = new JsonObject();
        if (nice != null) {
            env.put(SessionsConfig.ENV_ENGINE_NICE, nice);
        }
        return SessionsConfig.from(new JsonObject()
                .put(InstanceConfig.DATA_DIR, "/tmp/cial-config-test")
                .put(InstanceConfig.ENV, env));
    }

    @Test
    void enginesAreNicerThanTheServerByDefault() {
        assertThat(config(null).engineNice()).isEqualTo(10);
        assertThat(config("0").engineNice()).isZero();
        assertThat(config(" 19 ").engineNice()).isEqualTo(19);
    }

    @Test
    void aNicenessOutsideZeroToNineteenIsRefused() {
        assertThatThrownBy(() -> config("20"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CIAL_ENGINE_NICE")
                .hasMessageContaining("between 0 and 19");
        assertThatThrownBy(() -> config("-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CIAL_ENGINE_NICE");
        assertThatThrownBy(() -> config("high"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CIAL_ENGINE_NICE must be an integer");
    }
}
