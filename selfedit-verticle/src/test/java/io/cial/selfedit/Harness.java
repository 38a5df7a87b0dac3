package io.cial.selfedit;

import io.cial.protocol.Addresses;
import io.cial.protocol.AreaClient;
import io.cial.protocol.InstanceConfig;
import io.cial.protocol.InstanceLifecycle;
import io.cial.protocol.Principal;
import io.cial.selfedit.impl.SelfEditConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Starts the self-edit verticle on a loopback port with a data folder and a source tree of the test's own. */
final class Harness {

    static final String BASE = "/.cial/api/v1";
    static final Principal OWNER = Principal.owner(Principal.Kind.LOOPBACK);

    final Vertx vertx;
    final Path dataDir;
    final Path sourceDir;
    final JsonObject env = new JsonObject();
    private final WebClient web;
    private SelfEditVerticle verticle;
    private String deploymentId;

    Harness(Vertx vertx, Path root) {
        this.vertx = vertx;
        this.dataDir = root.resolve("data");
        this.sourceDir = root.resolve("tree");
        this.web = WebClient.create(vertx);
        env.put(SelfEditConfig.BUILD_COMMAND_ENV, FixtureTree.BUILD_COMMAND);
    }

    Harness env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Builds with {@link FixtureTree#QUICK_BUILD_COMMAND} instead of javac. */
    Harness quick() {
        return env(SelfEditConfig.BUILD_COMMAND_ENV, FixtureTree.QUICK_BUILD_COMMAND);
    }

    Harness supervised() {
        return env(InstanceLifecycle.SUPERVISED_ENV, "1");
    }

    Harness start() {
        JsonObject config = new JsonObject()
                .put(InstanceConfig.DATA_DIR, dataDir.toString())
                .put(InstanceConfig.SELF_PORT, 0)
                .put(InstanceConfig.SOURCE_DIR, sourceDir.toString())
                .put(InstanceConfig.ENV, env.copy())
                .put(SelfEditConfig.BOOT_SETTLE_MS, 50)
                .put(SelfEditConfig.RESTART_TIMEOUT_MS, 2_000);
        verticle = new SelfEditVerticle();
        deploymentId = vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))
                .await();
        return this;
    }

    void stop() {
        vertx.undeploy(deploymentId).await();
    }

    int port() {
        return verticle.port();
    }

    HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String path) {
        return web.request(method, port(), "127.0.0.1", BASE + path);
    }

    HttpResponse<Buffer> post(String path, JsonObject body) {
        HttpRequest<Buffer> request = request(io.vertx.core.http.HttpMethod.POST, path);
        return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    HttpResponse<Buffer> get(String path) {
        return request(io.vertx.core.http.HttpMethod.GET, path).send().await();
    }

    AreaClient bus() {
        return new AreaClient(vertx, Addresses.SELFEDIT, OWNER).timeoutMs(120_000);
    }

    /** Every frame published to the owner's sockets from now on. */
    List<JsonObject> ownerFrames() {
        List<JsonObject> frames = new CopyOnWriteArrayList<>();
        vertx.eventBus().<JsonObject>consumer(Addresses.user(Principal.OWNER_USER_ID), m -> frames.add(m.body()));
        return frames;
    }

    /** Stands in for Main's restart handler: accepts and records every restart request. */
    List<JsonObject> acceptRestarts() {
        List<JsonObject> requests = new CopyOnWriteArrayList<>();
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.GATEWAY, message -> {
            if (InstanceLifecycle.RESTART_ACTION.equals(message.headers().get(Addresses.ACTION_HEADER))) {
                requests.add(message.body());
                message.reply(new JsonObject().put("accepted", true));
            }
        });
        consumer.completion().await();
        return requests;
    }
}
