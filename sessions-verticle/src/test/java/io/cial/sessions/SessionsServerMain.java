package io.cial.sessions;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.InstanceConfig;
import io.cial.protocol.Principal;
import io.cial.sessions.api.SessionsActions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * A throwaway server process for {@link ServerKillTest}: deploys the sessions area on a data directory, starts one slow
 * demo turn, prints {@code READY sessionId turnId} and keeps running until it is killed.
 */
public final class SessionsServerMain {

    /** Starts the line that carries the ids; everything else on stdout is logging. */
    static final String READY = "READY ";

    private SessionsServerMain() {}

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        vertx.eventBus()
                .consumer(
                        Addresses.GATEWAY,
                        m -> m.reply(ApiResponse.ok(new JsonObject().put("apiUrl", SessionsHarness.API_URL))
                                .toJson()));
        JsonObject env = new JsonObject()
                .put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
                .put(SessionsConfig.ENV_DEMO_DELAY, args[1]);
        JsonObject config =
                new JsonObject().put(InstanceConfig.DATA_DIR, args[0]).put(InstanceConfig.ENV, env);
        vertx.deployVerticle(new SessionsVerticle(), new DeploymentOptions().setConfig(config))
                .await();
        JsonObject session =
                call(vertx, SessionsActions.CREATE_SESSION, null, new JsonObject().put("provider", "demo"));
        String id = session.getString("id");
        JsonObject turn = call(vertx, SessionsActions.START_TURN, id, new JsonObject().put("text", "a slow story"));
        System.out.println(READY + id + " " + turn.getString("turnId"));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static JsonObject call(Vertx vertx, String action, String sessionId, JsonObject body) {
        JsonObject path = sessionId == null ? null : new JsonObject().put("sessionId", sessionId);
        JsonObject envelope = ApiRequest.envelope(Principal.owner(Principal.Kind.OWNER), path, null, body);
        return (JsonObject) ApiResponse.fromJson(vertx.eventBus()
                        .<JsonObject>request(
                                Addresses.SESSIONS,
                                envelope,
                                new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action))
                        .await()
                        .body())
                .body();
    }
}
