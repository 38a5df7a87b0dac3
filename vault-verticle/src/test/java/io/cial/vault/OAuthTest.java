package io.cial.vault;

import static io.cial.vault.VaultHarness.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.cial.protocol.VaultActions;
import io.cial.vault.VaultHarness.Reply;
import io.cial.vault.api.VaultOperations;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class OAuthTest {

    private static final String PREFIX = "sk-ant-oat-fake-";

    @TempDir
    Path dataDir;

    private FakeOAuthServer server;
    private VaultHarness vault;

    private void start(Vertx vertx, String tokenFormat, JsonObject env) {
        server = new FakeOAuthServer(vertx, PREFIX).start();
        vault = VaultHarness.start(vertx, dataDir, env, server.vaultConfig(tokenFormat));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private JsonObject startSignIn(String scope) {
        JsonObject body = scope == null ? new JsonObject() : new JsonObject().put("scope", scope);
        return vault.call(OWNER, VaultOperations.START_ACCOUNT_OAUTH, new JsonObject(), new JsonObject(), body)
                .assertSuccess()
                .json();
    }

    private Reply complete(JsonObject body) {
        return vault.call(OWNER, VaultOperations.COMPLETE_ACCOUNT_OAUTH, new JsonObject(), new JsonObject(), body);
    }

    private Reply signIn() {
        String[] codeAndState = server.signIn(startSignIn(null).getString("authorizationUrl"));
        return complete(new JsonObject().put("code", codeAndState[0]).put("state", codeAndState[1]));
    }

    private Reply resolveClaude() {
        return vault.internal(
                VaultActions.RESOLVE_FOR_TURN,
                new JsonObject()
                        .put("userId", Principal.OWNER_USER_ID)
                        .put("sessionId", "s1")
                        .put("provider", "claude"));
    }

    @Test
    void startReturnsAnAuthorizationUrlWithAnS256ChallengeAndState(Vertx vertx) {
        start(vertx, "json", new JsonObject());

        JsonObject started = startSignIn(null);

        Map<String, List<String>> params = new QueryStringDecoder(started.getString("authorizationUrl")).parameters();
        assertThat(started.getString("authorizationUrl")).startsWith(server.base() + "/authorize?");
        assertThat(params.get("code_challenge_method")).containsExactly("S256");
        assertThat(params.get("code_challenge").get(0)).matches("[A-Za-z0-9_-]{43}");
        assertThat(params.get("state")).containsExactly(started.getString("state"));
        assertThat(params.get("client_id")).containsExactly(FakeOAuthServer.CLIENT_ID);
        assertThat(params.get("redirect_uri")).containsExactly(FakeOAuthServer.REDIRECT_URI);
        assertThat(params).doesNotContainKey("code_verifier");
    }

    @Test
    void completeExchangesTheCodeWithItsVerifierAndStoresMaskedTokens(Vertx vertx) {
        start(vertx, "json", new JsonObject());

        JsonObject account = signIn().assertSuccess().json();

        assertThat(server.codeRequests()).isEqualTo(1);
        assertThat(server.lastContentType()).startsWith("application/json");
        assertThat(account.getString("kind")).isEqualTo("anthropic_oauth");
        assertThat(account.getString("scope")).isEqualTo("user");
        assertThat(account.getBoolean("refreshable")).isTrue();
        assertThat(account.getString("expiresAt")).isNotNull();
        assertThat(account.encode()).doesNotContain(PREFIX);
        assertThat(credentialToken(resolveClaude())).startsWith(PREFIX + "access-");
    }

    @Test
    void theFormEncodedTokenProtocolWorksToo(Vertx vertx) {
        start(vertx, "form", new JsonObject());

        signIn().assertSuccess();

        assertThat(server.lastContentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(credentialToken(resolveClaude())).startsWith(PREFIX + "access-");
    }

    @Test
    void aCodePastedAsCodeHashStateCompletesWithoutASeparateState(Vertx vertx) {
        start(vertx, "json", new JsonObject());
        String[] codeAndState = server.signIn(startSignIn(null).getString("authorizationUrl"));

        complete(new JsonObject().put("code", codeAndState[0] + "#" + codeAndState[1]))
                .assertSuccess();

        assertThat(server.codeRequests()).isEqualTo(1);
    }

    @Test
    void aStateCanBeUsedOnceAndAnUnknownStateIsNotFound(Vertx vertx) {
        start(vertx, "json", new JsonObject());
        String[] codeAndState = server.signIn(startSignIn(null).getString("authorizationUrl"));
        JsonObject body = new JsonObject().put("code", codeAndState[0]).put("state", codeAndState[1]);
        complete(body).assertSuccess();

        complete(body).assertError(ErrorCode.NOT_FOUND);
        complete(new JsonObject().put("code", "x").put("state", "never-started"))
                .assertError(ErrorCode.NOT_FOUND);
    }

    @Test
    void aCodeTheTokenEndpointRejectsIsAValidationError(Vertx vertx) {
        start(vertx, "json", new JsonObject());
        String state = startSignIn(null).getString("state");

        Reply reply = complete(new JsonObject().put("code", "forged-code").put("state", state));

        assertThat(reply.assertError(ErrorCode.VALIDATION_FAILED).error()).contains("invalid_grant");
    }

    @Test
    void anUnreachableTokenEndpointIsAnUpstreamFailure(Vertx vertx) {
        start(vertx, "json", new JsonObject());
        String[] codeAndState = server.signIn(startSignIn(null).getString("authorizationUrl"));
        server.stop();
        server = null;

        Reply reply = complete(new JsonObject().put("code", codeAndState[0]).put("state", codeAndState[1]));

        assertThat(reply.assertError(ErrorCode.UPSTREAM_FAILED).status()).isEqualTo(502);
    }

    @Test
    void anInstanceSignInBecomesTheInstancesAccount(Vertx vertx) {
        start(vertx, "json", new JsonObject());
        String[] codeAndState = server.signIn(startSignIn("instance").getString("authorizationUrl"));

        JsonObject account = complete(
                        new JsonObject().put("code", codeAndState[0]).put("state", codeAndState[1]))
                .assertSuccess()
                .json();

        assertThat(account.getString("scope")).isEqualTo("instance");
    }

    @Test
    void refreshRotatesTheTokens(Vertx vertx) {
        start(vertx, "json", new JsonObject());
        signIn().assertSuccess();
        String before = credentialToken(resolveClaude());

        vault.call(OWNER, VaultOperations.REFRESH_ACCOUNT_OAUTH, new JsonObject(), new JsonObject(), new JsonObject())
                .assertSuccess();

        assertThat(server.refreshRequests()).isEqualTo(1);
        assertThat(credentialToken(resolveClaude())).isNotEqualTo(before).startsWith(PREFIX + "access-");
    }

    @Test
    void twoConcurrentRefreshesMakeOneTokenRequest(Vertx vertx) {
        start(vertx, "json", new JsonObject());
        signIn().assertSuccess();
        server.refreshDelay(300);

        List<Future<Message<JsonObject>>> both = List.of(refreshRequest(vertx), refreshRequest(vertx));
        Future.all(both).await();

        assertThat(server.refreshRequests()).isEqualTo(1);
        assertThat(both.get(0).result().body().getJsonObject("body").getString("secret"))
                .isEqualTo(both.get(1).result().body().getJsonObject("body").getString("secret"));
    }

    @Test
    void aTurnRefreshesATokenCloseToExpiryOnceForConcurrentTurns(Vertx vertx) {
        start(vertx, "json", new JsonObject());
        server.expiresIn(60, 3600).refreshDelay(300);
        signIn().assertSuccess();
        JsonObject request = new JsonObject()
                .put("userId", Principal.OWNER_USER_ID)
                .put("sessionId", "s1")
                .put("provider", "claude");

        List<Future<Message<JsonObject>>> turns =
                List.of(resolveRequest(vertx, request), resolveRequest(vertx, request));
        Future.all(turns).await();

        assertThat(server.refreshRequests()).isEqualTo(1);
        String first = turns.get(0)
                .result()
                .body()
                .getJsonObject("credential")
                .getJsonObject("env")
                .getString("CLAUDE_CODE_OAUTH_TOKEN");
        String second = turns.get(1)
                .result()
                .body()
                .getJsonObject("credential")
                .getJsonObject("env")
                .getString("CLAUDE_CODE_OAUTH_TOKEN");
        assertThat(first).isEqualTo(second).isEqualTo(PREFIX + "access-3");
    }

    @Test
    void anExpiredTokenThatCannotBeRefreshedFallsThroughToTheEnvironment(Vertx vertx) {
        start(vertx, "json", new JsonObject().put("ANTHROPIC_API_KEY", "sk-ant-fake-environment-1234"));
        server.expiresIn(-10, 3600);
        signIn().assertSuccess();
        server.stop();
        server = null;

        JsonObject credential = resolveClaude().assertSuccess().json().getJsonObject("credential");

        assertThat(credential.getString("source")).isEqualTo("environment");
    }

    @Test
    void refreshingAPastedTokenIsAValidationError(Vertx vertx) {
        start(vertx, "json", new JsonObject());
        vault.call(
                        OWNER,
                        VaultOperations.SET_ACCOUNT,
                        VaultHarness.path("kind", "anthropic_oauth"),
                        new JsonObject(),
                        new JsonObject().put("secret", "sk-ant-oat01-fake-pasted-0000"))
                .assertSuccess();

        Reply reply = vault.call(
                OWNER, VaultOperations.REFRESH_ACCOUNT_OAUTH, new JsonObject(), new JsonObject(), new JsonObject());

        assertThat(reply.assertError(ErrorCode.VALIDATION_FAILED).error()).contains("no refresh token");
        assertThat(server.refreshRequests()).isZero();
    }

    @Test
    void anAgentTokenCannotStartASignIn(Vertx vertx) {
        start(vertx, "json", new JsonObject());

        vault.call(
                        VaultHarness.AGENT,
                        VaultOperations.START_ACCOUNT_OAUTH,
                        new JsonObject(),
                        new JsonObject(),
                        new JsonObject())
                .assertError(ErrorCode.MANAGE_REQUIRED);
    }

    private static String credentialToken(Reply resolved) {
        return resolved.assertSuccess()
                .json()
                .getJsonObject("credential")
                .getJsonObject("env")
                .getString("CLAUDE_CODE_OAUTH_TOKEN");
    }

    private static Future<Message<JsonObject>> refreshRequest(Vertx vertx) {
        JsonObject envelope = ApiRequest.envelope(OWNER, new JsonObject(), new JsonObject(), new JsonObject());
        return vertx.eventBus()
                .request(
                        Addresses.VAULT,
                        envelope,
                        new DeliveryOptions()
                                .addHeader(Addresses.ACTION_HEADER, VaultOperations.REFRESH_ACCOUNT_OAUTH));
    }

    private static Future<Message<JsonObject>> resolveRequest(Vertx vertx, JsonObject request) {
        return vertx.eventBus()
                .request(
                        Addresses.VAULT,
                        request,
                        new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, VaultActions.RESOLVE_FOR_TURN));
    }
}
