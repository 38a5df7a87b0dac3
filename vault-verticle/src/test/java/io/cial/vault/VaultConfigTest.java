package io.cial.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cial.protocol.InstanceConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class VaultConfigTest {

    private static JsonObject instance(JsonObject env, JsonObject section) {
        return new JsonObject()
                .put(InstanceConfig.DATA_DIR, "/tmp/cial-data")
                .put(InstanceConfig.ENV, env)
                .put(VaultConfig.AREA, section);
    }

    @Test
    void defaultsPointAtAnthropicAndKimi() {
        VaultConfig config = VaultConfig.from(instance(new JsonObject(), new JsonObject()));

        assertThat(config.oauthAuthorizeUrl()).isEqualTo(VaultConfig.DEFAULT_OAUTH_AUTHORIZE_URL);
        assertThat(config.oauthTokenUrl()).isEqualTo(VaultConfig.DEFAULT_OAUTH_TOKEN_URL);
        assertThat(config.oauthTokenFormat()).isEqualTo(VaultConfig.TokenFormat.JSON);
        assertThat(config.kimiBaseUrl()).isEqualTo(VaultConfig.DEFAULT_KIMI_BASE_URL);
        assertThat(config.anthropicBaseUrl()).isNull();
        assertThat(config.suppliedMasterKey()).isEmpty();
        assertThat(config.databaseFile().toString()).isEqualTo("/tmp/cial-data/vault/vault.db");
    }

    @Test
    void anEnvironmentVariableWinsOverTheConfigKey() {
        JsonObject env = new JsonObject().put("CIAL_OAUTH_TOKEN_URL", "http://127.0.0.1:1/env-token");
        JsonObject section = new JsonObject()
                .put(VaultConfig.OAUTH_TOKEN_URL, "http://127.0.0.1:1/config-token")
                .put(VaultConfig.OAUTH_CLIENT_ID, "client-from-config");

        VaultConfig config = VaultConfig.from(instance(env, section));

        assertThat(VaultConfig.envName(VaultConfig.OAUTH_TOKEN_URL)).isEqualTo("CIAL_OAUTH_TOKEN_URL");
        assertThat(config.oauthTokenUrl()).isEqualTo("http://127.0.0.1:1/env-token");
        assertThat(config.oauthClientId()).isEqualTo("client-from-config");
    }

    @Test
    void baseUrlsFallBackToTheServersOwnVariablesBelowTheirSettings() {
        JsonObject env = new JsonObject()
                .put(VaultConfig.ENV_ANTHROPIC_BASE_URL, "http://127.0.0.1:1/anthropic-env")
                .put(VaultConfig.ENV_KIMI_BASE_URL, "http://127.0.0.1:1/kimi-env");
        JsonObject section = new JsonObject().put(VaultConfig.KIMI_BASE_URL, "http://127.0.0.1:1/kimi-config");

        VaultConfig fromEnv = VaultConfig.from(instance(env, new JsonObject()));
        VaultConfig fromSetting = VaultConfig.from(instance(env, section));

        assertThat(fromEnv.anthropicBaseUrl()).isEqualTo("http://127.0.0.1:1/anthropic-env");
        assertThat(fromEnv.kimiBaseUrl()).isEqualTo("http://127.0.0.1:1/kimi-env");
        assertThat(fromSetting.kimiBaseUrl()).isEqualTo("http://127.0.0.1:1/kimi-config");
    }

    @Test
    void malformedSettingsFailFastNamingTheSetting() {
        JsonObject badUrl = new JsonObject().put(VaultConfig.OAUTH_TOKEN_URL, "not a url");
        JsonObject badFormat = new JsonObject().put(VaultConfig.OAUTH_TOKEN_FORMAT, "xml");
        JsonObject badNumber = new JsonObject().put(VaultConfig.OAUTH_REFRESH_MARGIN_SECONDS, -5);

        assertThatThrownBy(() -> VaultConfig.from(instance(new JsonObject(), badUrl)))
                .hasMessageContaining(VaultConfig.OAUTH_TOKEN_URL);
        assertThatThrownBy(() -> VaultConfig.from(instance(new JsonObject(), badFormat)))
                .hasMessageContaining(VaultConfig.OAUTH_TOKEN_FORMAT);
        assertThatThrownBy(() -> VaultConfig.from(instance(new JsonObject(), badNumber)))
                .hasMessageContaining(VaultConfig.OAUTH_REFRESH_MARGIN_SECONDS);
        assertThatThrownBy(() -> VaultConfig.from(new JsonObject())).hasMessageContaining(InstanceConfig.DATA_DIR);
    }

    @Test
    void aMasterKeyThatIsNotBase64IsRejectedWithoutQuotingIt() {
        JsonObject env = new JsonObject().put(VaultConfig.MASTER_KEY_ENV, "!!not-base64!!");

        assertThatThrownBy(() -> VaultConfig.from(instance(env, new JsonObject())))
                .hasMessageContaining(VaultConfig.MASTER_KEY_ENV)
                .hasMessageNotContaining("!!not-base64!!");
    }
}
