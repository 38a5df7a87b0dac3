package io.cial.sessions;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AuthActions;
import io.cial.protocol.InstanceConfig;
import io.cial.protocol.Principal;
import io.cial.protocol.testing.Bus;
import io.cial.sessions.api.SessionsActions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A sessions area deployed on a data directory, with a stand-in gateway answering {@code instance.info}, a {@link
 * FakeVault} (no credential until a test sets one), and a {@link Bus} calling as the owner. Redeploying on the same
 * data directory is a server restart.
 */
final class SessionsHarness {

    static final String API_URL = "http://127.0.0.1:9/.cial/api";
    static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);

    final Vertx vertx;
    final Path dataDir;
    final JsonObject env;
    final Bus bus;
    final FakeVault vault;
    private final MessageConsumer<JsonObject> gateway;
    private String deploymentId;

    SessionsHarness(Vertx vertx, Path dataDir, Map<String, String> extraEnv) {
        this.vertx = vertx;
        this.dataDir = dataDir;
        this.env = new JsonObject()
                .put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
                .put(SessionsConfig.ENV_DEMO_DELAY, "2");
        extraEnv.forEach(env::put);
        this.bus = new Bus(vertx, Addresses.SESSIONS, Principal.owner(Principal.Kind.OWNER));
        this.gateway = vertx.eventBus()
                .consumer(
                        Addresses.GATEWAY,
                        message -> message.reply(ApiResponse.ok(new JsonObject().put("apiUrl", API_URL))
                                .toJson()));
        gateway.completion().await();
        this.vault = new FakeVault(vertx);
    }

    /** Deploys with {@code demoDelayMs} between demo text deltas. */
    SessionsHarness deploy(long demoDelayMs) {
        env.put(SessionsConfig.ENV_DEMO_DELAY, Long.toString(demoDelayMs));
        return deploy();
    }

    SessionsHarness deploy() {
        JsonObject config = new JsonObject()
                .put(InstanceConfig.DATA_DIR, dataDir.toString())
                .put(InstanceConfig.WORKSPACE, dataDir.resolve("workspace").toString())
                .put(SessionsConfig.CANCEL_GRACE_MS, 1000)
                .put(InstanceConfig.ENV, env);
        deploymentId = vertx.deployVerticle(new SessionsVerticle(), new DeploymentOptions().setConfig(config))
                .await();
        return this;
    }

    void undeploy() {
        vertx.undeploy(deploymentId).await();
        deploymentId = null;
    }

    JsonObject createSession(JsonObject body) {
        return (JsonObject)
                bus.call(SessionsActions.CREATE_SESSION, null, null, body).body();
    }

    JsonObject startTurn(String sessionId, String text) {
        return (JsonObject)
                bus.call(SessionsActions.START_TURN, path(sessionId), null, new JsonObject().put("text", text))
                        .body();
    }

    JsonObject getSession(String sessionId) {
        return (JsonObject) bus.call(SessionsActions.GET_SESSION, path(sessionId), null, null)
                .body();
    }

    JsonObject events(String sessionId, long after) {
        return (JsonObject)
                bus.call(SessionsActions.LIST_EVENTS, path(sessionId), new JsonObject().put("after", after), null)
                        .body();
    }

    JsonObject messages(String sessionId, JsonObject query) {
        return (JsonObject) bus.call(SessionsActions.LIST_MESSAGES, path(sessionId), query, null)
                .body();
    }

    FrameRecorder record(String sessionId) {
        return FrameRecorder.on(vertx, Addresses.sessionEvents(sessionId));
    }

    static JsonObject path(String sessionId) {
        return new JsonObject().put("sessionId", sessionId);
    }

    static String agentTokenAction() {
        return AuthActions.VERIFY_AGENT_TOKEN;
    }
}
