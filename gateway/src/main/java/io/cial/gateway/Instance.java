package io.cial.gateway;

import io.cial.gateway.auth.OwnerToken;
import io.cial.protocol.AreaModule;
import io.cial.protocol.InstanceConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Cial instance: one Vert.x with every area the class path provides, deployed before the gateway opens the
 * public listener, so no request is accepted before every verticle is up.
 */
public final class Instance {

    private static final Logger LOG = LoggerFactory.getLogger(Instance.class);

    private final Vertx vertx;
    private final InstanceSettings settings;
    private final String ownerToken;
    private int port;
    private Runnable onRestart;
    private Future<Void> closing;

    private Instance(Vertx vertx, InstanceSettings settings, String ownerToken) {
        this.vertx = vertx;
        this.settings = settings;
        this.ownerToken = ownerToken;
    }

    /** Starts an instance that refuses restart requests (tests, embedding). */
    public static Future<Instance> start(InstanceSettings settings) {
        return start(settings, null);
    }

    /**
     * Prepares the data directory (blocking, before any event loop runs), then deploys everything.
     *
     * @param onRestart run after an accepted restart request has closed the instance; {@link Main} exits the process
     *     with {@link io.cial.protocol.InstanceLifecycle#RESTART_EXIT_CODE} for its supervisor. Null refuses restarts.
     */
    public static Future<Instance> start(InstanceSettings settings, Runnable onRestart) {
        String token;
        try {
            Files.createDirectories(settings.dataDir());
            Files.createDirectories(settings.workspace());
            token = OwnerToken.loadOrCreate(settings.dataDir().resolve("gateway"));
        } catch (IOException e) {
            return Future.failedFuture(new IllegalStateException(
                    "cannot prepare the data directory " + settings.dataDir() + ": " + e.getMessage(), e));
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setMetricsOptions(metricsOptions()));
        Instance instance = new Instance(vertx, settings, token);
        instance.onRestart = onRestart;
        return instance.deploy().map(instance).recover(e -> vertx.close().transform(v -> Future.failedFuture(e)));
    }

    private static MicrometerMetricsOptions metricsOptions() {
        return new MicrometerMetricsOptions()
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                .setJvmMetricsEnabled(true)
                .setEnabled(true);
    }

    private Future<Void> deploy() {
        List<AreaModule> areas = new ArrayList<>();
        ServiceLoader.load(AreaModule.class).forEach(areas::add);
        JsonObject config = instanceConfig(areas);
        Future<?> chain = Future.succeededFuture();
        for (AreaModule area : areas) {
            chain = chain.compose(v -> area.deploy(vertx, config)
                    .onSuccess(id -> LOG.info("[instance] area {} deployed", area.name()))
                    .recover(e -> Future.failedFuture(new IllegalStateException(
                            "area " + area.name() + " failed to start: " + e.getMessage(), e))));
        }
        GatewayVerticle gateway = new GatewayVerticle(onRestart == null ? null : this::restart);
        return chain.compose(v -> vertx.deployVerticle(gateway, new DeploymentOptions().setConfig(config)))
                .map(id -> {
                    port = gateway.actualPort();
                    return null;
                });
    }

    private JsonObject instanceConfig(List<AreaModule> areas) {
        JsonArray areaList = new JsonArray();
        areas.forEach(a -> areaList.add(new JsonObject().put("name", a.name()).put("address", a.address())));
        return new JsonObject()
                .put(InstanceConfig.DATA_DIR, settings.dataDir().toString())
                .put(InstanceConfig.WORKSPACE, settings.workspace().toString())
                .put(InstanceConfig.HOST, settings.host())
                .put(InstanceConfig.PORT, settings.port())
                .put(InstanceConfig.SELF_PORT, settings.selfPort())
                .put(
                        InstanceConfig.SOURCE_DIR,
                        settings.sourceDir() == null
                                ? null
                                : settings.sourceDir().toString())
                .put(InstanceConfig.ENV, new JsonObject(new HashMap<>(settings.env())))
                .put(InstanceConfig.AREAS, areaList)
                .put(GatewayConfig.OWNER_TOKEN, ownerToken)
                .put(GatewayConfig.ALLOWED_ORIGINS, new JsonArray(settings.allowedOrigins()))
                .put(GatewayConfig.VALIDATE_RESPONSES, settings.validateResponses());
    }

    /** Closes gracefully (listeners stop accepting, in-flight requests finish), then hands over to the supervisor. */
    private void restart() {
        long started = System.currentTimeMillis();
        LOG.info("[instance] restarting: closing listeners and areas");
        close().onComplete(done -> {
            LOG.info(
                    "[instance] closed in {} ms; handing over to the supervisor", System.currentTimeMillis() - started);
            onRestart.run();
        });
    }

    public Vertx vertx() {
        return vertx;
    }

    public int port() {
        return port;
    }

    public String apiUrl() {
        String host = settings.host();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/.cial/api";
    }

    public String ownerToken() {
        return ownerToken;
    }

    public Path tokenFile() {
        return settings.dataDir().resolve("gateway").resolve(OwnerToken.FILE_NAME);
    }

    public InstanceSettings settings() {
        return settings;
    }

    /** Closes the listeners gracefully and undeploys every area. Detached engine processes keep running. */
    public synchronized Future<Void> close() {
        if (closing == null) {
            closing = vertx.close();
        }
        return closing;
    }
}
