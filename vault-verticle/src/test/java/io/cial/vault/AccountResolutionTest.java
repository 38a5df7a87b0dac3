package io.cial.vault;

import static io.cial.vault.VaultHarness.AGENT;
import static io.cial.vault.VaultHarness.ALICE;
import static io.cial.vault.VaultHarness.OWNER;
import static io.cial.vault.VaultHarness.path;
import static io.cial.vault.VaultHarness.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.cial.protocol.VaultActions;
import io.cial.vault.VaultHarness.Reply;
import io.cial.vault.api.SecretMask;
import io.cial.vault.api.VaultOperations;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class AccountResolutionTest {

    private static final String USER_KEY = "sk-ant-fake-user-000000001111";
    private static final String INSTANCE_KEY = "sk-ant-fake-instance-0002222";
    private static final String ENV_KEY = "sk-ant-fake-environment-3333";
    private static final String ENV_OAUTH = "sk-ant-oat-fake-environment-4444";
    private static final String PASTED_OAUTH = "sk-ant-oat01-fake-pasted-5555";
    private static final String KIMI_KEY = "sk-kimi-fake-0000000006666";

    @TempDir
    Path dataDir;

    private static JsonObject env(String... pairs) {
        JsonObject env = new JsonObject();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static Reply setAccount(VaultHarness vault, Principal who, String kind, String scope, String secret) {
        return vault.call(
                who,
                VaultOperations.SET_ACCOUNT,
                path("kind", kind),
                scope == null ? new JsonObject() : query("scope", scope),
                new JsonObject().put("secret", secret));
    }

    private static Reply resolve(VaultHarness vault, String userId, String provider) {
        return vault.internal(
                VaultActions.RESOLVE_FOR_TURN,
                new JsonObject().put("userId", userId).put("sessionId", "s1").put("provider", provider));
    }

    private static JsonObject credential(Reply reply) {
        return reply.assertSuccess().json().getJsonObject("credential");
    }

    @Test
    void theUsersOwnAccountWinsOverTheInstanceAndTheEnvironment(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir, env("ANTHROPIC_API_KEY", ENV_KEY), new JsonObject());
        setAccount(vault, OWNER, "anthropic_api_key", "instance", INSTANCE_KEY).assertSuccess();
        setAccount(vault, OWNER, "anthropic_api_key", null, USER_KEY).assertSuccess();

        JsonObject credential = credential(resolve(vault, Principal.OWNER_USER_ID, "claude"));

        assertThat(credential.getString("source")).isEqualTo("user");
        assertThat(credential.getString("kind")).isEqualTo("anthropic_api_key");
        assertThat(credential.getJsonObject("env").getString("ANTHROPIC_API_KEY"))
                .isEqualTo(USER_KEY);
    }

    @Test
    void withoutAnAccountOfItsOwnAUserGetsTheInstances(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir, env("ANTHROPIC_API_KEY", ENV_KEY), new JsonObject());
        setAccount(vault, OWNER, "anthropic_api_key", "instance", INSTANCE_KEY).assertSuccess();
        setAccount(vault, OWNER, "anthropic_api_key", null, USER_KEY).assertSuccess();

        JsonObject credential = credential(resolve(vault, ALICE.userId(), "claude"));

        assertThat(credential.getString("source")).isEqualTo("instance");
        assertThat(credential.getJsonObject("env").getString("ANTHROPIC_API_KEY"))
                .isEqualTo(INSTANCE_KEY);
    }

    @Test
    void withNoStoredAccountTheServersEnvironmentIsTheFallback(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir, env("ANTHROPIC_API_KEY", ENV_KEY), new JsonObject());

        JsonObject credential = credential(resolve(vault, Principal.OWNER_USER_ID, "claude"));

        assertThat(credential.getString("source")).isEqualTo("environment");
        assertThat(credential.getJsonObject("env").getString("ANTHROPIC_API_KEY"))
                .isEqualTo(ENV_KEY);
    }

    @Test
    void anOAuthTokenFromTheEnvironmentBecomesClaudeCodesOAuthVariable(Vertx vertx) {
        VaultHarness vault =
                VaultHarness.start(vertx, dataDir, env("CLAUDE_CODE_OAUTH_TOKEN", ENV_OAUTH), new JsonObject());

        JsonObject credential = credential(resolve(vault, Principal.OWNER_USER_ID, "claude"));

        assertThat(credential.getString("kind")).isEqualTo("anthropic_oauth");
        assertThat(credential.getJsonObject("env").getMap()).containsOnlyKeys("CLAUDE_CODE_OAUTH_TOKEN");
        assertThat(credential.getJsonObject("env").getString("CLAUDE_CODE_OAUTH_TOKEN"))
                .isEqualTo(ENV_OAUTH);
    }

    @Test
    void aPastedLongLivedOAuthTokenServesClaudeTurns(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);
        Reply set =
                setAccount(vault, OWNER, "anthropic_oauth", null, PASTED_OAUTH).assertSuccess();

        JsonObject credential = credential(resolve(vault, Principal.OWNER_USER_ID, "claude"));

        assertThat(set.json().getBoolean("refreshable")).isFalse();
        assertThat(credential.getJsonObject("env").getString("CLAUDE_CODE_OAUTH_TOKEN"))
                .isEqualTo(PASTED_OAUTH);
    }

    @Test
    void withinOneTierTheApiKeyIsPreferredToTheOAuthToken(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);
        setAccount(vault, OWNER, "anthropic_oauth", null, PASTED_OAUTH).assertSuccess();
        setAccount(vault, OWNER, "anthropic_api_key", null, USER_KEY).assertSuccess();

        assertThat(credential(resolve(vault, Principal.OWNER_USER_ID, "claude")).getString("kind"))
                .isEqualTo("anthropic_api_key");
    }

    @Test
    void theProviderDecidesWhichKindApplies(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);
        setAccount(vault, OWNER, "kimi_api_key", null, KIMI_KEY).assertSuccess();

        resolve(vault, Principal.OWNER_USER_ID, "claude").assertError(ErrorCode.NO_CREDENTIAL);
        JsonObject kimi = credential(resolve(vault, Principal.OWNER_USER_ID, "kimi"));

        assertThat(kimi.getString("kind")).isEqualTo("kimi_api_key");
        assertThat(kimi.getString("model")).isEqualTo(VaultConfig.DEFAULT_KIMI_MODEL);
        assertThat(kimi.getJsonObject("env").getString("ANTHROPIC_BASE_URL"))
                .isEqualTo(VaultConfig.DEFAULT_KIMI_BASE_URL);
        assertThat(kimi.getJsonObject("env").getString("ANTHROPIC_AUTH_TOKEN")).isEqualTo(KIMI_KEY);
    }

    @Test
    void kimiEndpointAndModelComeFromConfigurationWithEnvironmentOverrides(Vertx vertx) {
        JsonObject env = env("KIMI_API_KEY", KIMI_KEY, "CIAL_KIMI_MODEL", "kimi-from-env");
        JsonObject section = new JsonObject()
                .put(VaultConfig.KIMI_BASE_URL, "http://127.0.0.1:9/anthropic")
                .put(VaultConfig.KIMI_MODEL, "kimi-from-config");
        VaultHarness vault = VaultHarness.start(vertx, dataDir, env, section);

        JsonObject kimi = credential(resolve(vault, Principal.OWNER_USER_ID, "kimi"));

        assertThat(kimi.getString("source")).isEqualTo("environment");
        assertThat(kimi.getString("model")).isEqualTo("kimi-from-env");
        assertThat(kimi.getJsonObject("env").getString("ANTHROPIC_BASE_URL")).isEqualTo("http://127.0.0.1:9/anthropic");
    }

    @Test
    void noUsableCredentialFailsWithAClearNoCredentialError(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);

        Reply claude = resolve(vault, Principal.OWNER_USER_ID, "claude").assertError(ErrorCode.NO_CREDENTIAL);
        Reply kimi = resolve(vault, Principal.OWNER_USER_ID, "kimi").assertError(ErrorCode.NO_CREDENTIAL);

        assertThat(claude.status()).isEqualTo(422);
        assertThat(claude.error()).contains("claude").contains("ANTHROPIC_API_KEY");
        assertThat(kimi.error()).contains("kimi").contains("KIMI_API_KEY");
    }

    @Test
    void theDemoProviderNeedsNoCredential(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);

        JsonObject credential = credential(resolve(vault, Principal.OWNER_USER_ID, "demo"));

        assertThat(credential.getString("kind")).isEqualTo("none");
        assertThat(credential.getJsonObject("env")).isEmpty();
    }

    @Test
    void resolveForTurnNamesAMissingOrUnknownField(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);

        Reply noUser = vault.internal(
                VaultActions.RESOLVE_FOR_TURN,
                new JsonObject().put("sessionId", "s1").put("provider", "claude"));
        Reply badProvider = resolve(vault, "owner", "gpt");

        assertThat(noUser.assertError(ErrorCode.VALIDATION_FAILED).error()).contains("userId");
        assertThat(badProvider.assertError(ErrorCode.VALIDATION_FAILED).error()).contains("provider");
    }

    @Test
    void accountsAreListedMaskedWithTheEnvironmentsReadOnly(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir, env("ANTHROPIC_API_KEY", ENV_KEY), new JsonObject());
        setAccount(vault, OWNER, "anthropic_api_key", null, USER_KEY).assertSuccess();
        setAccount(vault, OWNER, "kimi_api_key", "instance", KIMI_KEY).assertSuccess();

        Reply listed = vault.call(OWNER, VaultOperations.LIST_ACCOUNTS).assertSuccess();

        assertThat(listed.items().encode()).doesNotContain(USER_KEY, KIMI_KEY, ENV_KEY);
        assertThat(listed.items())
                .extracting(o -> ((JsonObject) o).getString("scope") + "/" + ((JsonObject) o).getString("kind"))
                .containsExactly("user/anthropic_api_key", "instance/kimi_api_key", "environment/anthropic_api_key");
        JsonObject user = listed.items().getJsonObject(0);
        assertThat(user.getString("secret")).isEqualTo(SecretMask.MASK + "1111");
        assertThat(listed.items().getJsonObject(2).getBoolean("readOnly")).isTrue();
    }

    @Test
    void settingAgainReplacesTheAccountAndRemoveDeletesIt(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);
        String id = setAccount(vault, OWNER, "anthropic_api_key", null, USER_KEY)
                .assertSuccess()
                .json()
                .getString("id");

        Reply replaced = setAccount(vault, OWNER, "anthropic_api_key", null, INSTANCE_KEY)
                .assertSuccess();
        Reply removed = vault.call(OWNER, VaultOperations.REMOVE_ACCOUNT, path("kind", "anthropic_api_key"));

        assertThat(replaced.json().getString("id")).isEqualTo(id);
        assertThat(replaced.json().getString("secret")).endsWith("2222");
        assertThat(removed.status()).isEqualTo(204);
        vault.call(OWNER, VaultOperations.REMOVE_ACCOUNT, path("kind", "anthropic_api_key"))
                .assertError(ErrorCode.NOT_FOUND);
        resolve(vault, Principal.OWNER_USER_ID, "claude").assertError(ErrorCode.NO_CREDENTIAL);
    }

    @Test
    void badSecretsAreRejectedWithoutEchoingThem(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);

        Reply spaced = setAccount(vault, OWNER, "anthropic_api_key", null, "sk-ant fake with spaces");
        Reply masked = setAccount(vault, OWNER, "anthropic_api_key", null, SecretMask.MASK + "abcd");

        assertThat(spaced.assertError(ErrorCode.VALIDATION_FAILED).error())
                .contains("secret")
                .doesNotContain("fake with spaces");
        assertThat(masked.assertError(ErrorCode.VALIDATION_FAILED).error()).contains("masked");
    }

    @Test
    void anAgentTokenCannotChangeAccounts(Vertx vertx) {
        VaultHarness vault = VaultHarness.start(vertx, dataDir);

        setAccount(vault, AGENT, "anthropic_api_key", null, USER_KEY).assertError(ErrorCode.MANAGE_REQUIRED);
        vault.call(AGENT, VaultOperations.LIST_ACCOUNTS).assertSuccess();
    }
}
