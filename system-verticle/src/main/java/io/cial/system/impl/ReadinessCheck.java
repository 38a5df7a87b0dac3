package io.cial.system.impl;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.AreaDispatcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Readiness of the whole instance: every configured area is asked {@link AreaDispatcher#HEALTH_ACTION} over the bus
 * (so the answer proves the area's consumer and its storage probe both work), and the data directory must take a
 * write. Each check has its own timeout; a slow one is down, never a hung readiness answer.
 */
public final class ReadinessCheck {

    private static final String UP = "UP";
    private static final String DOWN = "DOWN";

    private final Vertx vertx;
    private final SystemConfig config;

    public ReadinessCheck(Vertx vertx, SystemConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Runs every check at once; {@code {"status": "UP"|"DOWN", "checks": [...]}}, never a failed future. */
    public Future<JsonObject> run() {
        List<Future<JsonObject>> checks = new ArrayList<>();
        config.areas().forEach(area -> checks.add(pingArea(area)));
        checks.add(checkDataDir());
        return Future.join(checks).transform(done -> {
            JsonArray results = new JsonArray();
            checks.forEach(check -> results.add(check.result()));
            boolean up = results.stream().allMatch(check -> UP.equals(((JsonObject) check).getString("status")));
            return Future.succeededFuture(
                    new JsonObject().put("status", up ? UP : DOWN).put("checks", results));
        });
    }

    private Future<JsonObject> pingArea(SystemConfig.Area area) {
        long start = System.nanoTime();
        DeliveryOptions options = new DeliveryOptions()
                .addHeader(Addresses.ACTION_HEADER, AreaDispatcher.HEALTH_ACTION)
                .setSendTimeout(config.readinessTimeoutMs());
        JsonObject check = new JsonObject().put("name", area.name()).put("address", area.address());
        return vertx.eventBus()
                .<JsonObject>request(area.address(), new JsonObject(), options)
                .map(reply -> up(check, start, probeDetails(reply)))
                .otherwise(failure -> down(check, start, reason(area, failure)));
    }

    private static JsonObject probeDetails(Message<JsonObject> reply) {
        return reply.body() == null ? new JsonObject() : reply.body();
    }

    private String reason(SystemConfig.Area area, Throwable failure) {
        if (failure instanceof ReplyException reply) {
            if (reply.failureType() == ReplyFailure.TIMEOUT) {
                return "no answer from " + area.address() + " within " + config.readinessTimeoutMs() + " ms";
            }
            if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
                return "no verticle serves " + area.address();
            }
            return ApiException.fromJson(reply.getMessage()).getMessage();
        }
        return String.valueOf(failure.getMessage());
    }

    private Future<JsonObject> checkDataDir() {
        long start = System.nanoTime();
        Path dir = config.dataDir();
        JsonObject check = new JsonObject().put("name", "dataDir");
        return vertx.<JsonObject>executeBlocking(() -> probeWrite(dir), false)
                .timeout(config.readinessTimeoutMs(), TimeUnit.MILLISECONDS)
                .map(details -> up(check, start, details))
                .otherwise(failure -> down(check, start, "data directory " + dir + " is not writable: " + failure));
    }

    private static JsonObject probeWrite(Path dir) {
        try {
            Path probe = Files.createTempFile(dir, ".ready-", ".probe");
            Files.delete(probe);
            return new JsonObject()
                    .put("path", dir.toString())
                    .put("freeBytes", Files.getFileStore(dir).getUsableSpace());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject up(JsonObject check, long start, JsonObject details) {
        return check.put("status", UP).put("durationMs", elapsedMs(start)).put("details", details);
    }

    private static JsonObject down(JsonObject check, long start, String error) {
        return check.put("status", DOWN)
                .put("durationMs", elapsedMs(start))
                .put("details", new JsonObject().put("error", error));
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
