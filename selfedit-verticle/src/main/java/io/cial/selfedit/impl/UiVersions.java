package io.cial.selfedit.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.selfedit.impl.SelfEditStore.UiBuild;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The served web UI's versions: each in {@code <dataDir>/selfedit/ui/<version>/}, with the symbolic link {@code
 * ui/current} naming the one served, swapped in one rename so a rollback is instant. A version starts {@code pending};
 * the browser's boot report makes it {@code good} (known-good) or {@code bad}. A small pool is kept; the current and
 * the newest known-good versions are never pruned.
 *
 * <p>Each installed version carries {@value #VERSION_FILE} ({@code {"version": …}}) so the UI can say which version it
 * is when it reports its boot.
 */
final class UiVersions {

    static final String CURRENT = "current";
    static final String VERSION_FILE = "cial-ui-version.json";
    static final String PENDING = "pending";
    static final String GOOD = "good";
    static final String BAD = "bad";

    private final SelfEditConfig config;
    private final SelfEditStore store;
    private final WorkerExecutor workers;

    UiVersions(SelfEditConfig config, SelfEditStore store, WorkerExecutor workers) {
        this.config = config;
        this.store = store;
        this.workers = workers;
    }

    /** Installs the tree's built UI as {@code version} and serves it; null when the tree has no built UI. */
    Future<String> installFromTree(String version) {
        Path dist = config.sourceDir().resolve(config.uiDist());
        return workers.executeBlocking(() -> Files.isRegularFile(dist.resolve("index.html")), false)
                .compose(present -> present ? install(dist, version).map(version) : Future.succeededFuture());
    }

    /** Copies {@code dist} in as {@code version}, records it pending, points {@code current} at it and prunes. */
    Future<Void> install(Path dist, String version) {
        return workers.executeBlocking(() -> copy(dist, version), false)
                .compose(done -> store.insertUiBuild(
                        new UiBuild(version, PENDING, Instant.now().toString(), null, null)))
                .compose(done -> point(version))
                .compose(done -> prune());
    }

    private Void copy(Path dist, String version) throws java.io.IOException {
        Path staging = config.uiDir().resolve("." + version + ".tmp");
        FileTrees.delete(staging);
        FileTrees.copy(dist, staging);
        Files.writeString(
                staging.resolve(VERSION_FILE),
                new JsonObject().put("version", version).encode(),
                StandardCharsets.UTF_8);
        Files.move(staging, config.uiDir().resolve(version));
        return null;
    }

    /** The boot report: promotes {@code version} to known-good, or marks it bad; fails {@code not_found}. */
    Future<JsonObject> report(String version, boolean ok, String error) {
        String status = ok ? GOOD : BAD;
        return store.reportUiBuild(version, status, Instant.now().toString(), ok ? null : error)
                .compose(found -> found
                        ? list().map(all -> find(all, version))
                        : Future.failedFuture(ApiException.notFound("no UI version %s", version)));
    }

    /** Points {@code current} at {@code requested}, or at the newest known-good version that is not current. */
    Future<JsonObject> rollback(String requested) {
        return Future.all(store.uiBuilds(), current()).compose(all -> {
            List<UiBuild> builds = all.resultAt(0);
            String current = all.resultAt(1);
            Optional<UiBuild> target = requested != null
                    ? builds.stream().filter(b -> b.version().equals(requested)).findFirst()
                    : builds.stream()
                            .filter(b -> GOOD.equals(b.status()) && !b.version().equals(current))
                            .findFirst();
            if (target.isEmpty()) {
                return Future.failedFuture(
                        requested != null
                                ? ApiException.notFound("no UI version %s", requested)
                                : ApiException.of(ErrorCode.CONFLICT, "there is no other known-good UI version"));
            }
            return point(target.get().version()).compose(done -> list());
        });
    }

    /** The contract's {@code UiBuildList}. */
    Future<JsonObject> list() {
        return Future.all(store.uiBuilds(), current()).map(all -> {
            List<UiBuild> builds = all.resultAt(0);
            String current = all.resultAt(1);
            String knownGood = newestGood(builds);
            JsonArray items = new JsonArray();
            builds.forEach(build -> items.add(new JsonObject()
                    .put("version", build.version())
                    .put("status", build.status())
                    .put("createdAt", build.createdAt())
                    .put("reportedAt", build.reportedAt())
                    .put("error", build.error())
                    .put("current", build.version().equals(current))
                    .put("knownGood", build.version().equals(knownGood))));
            return new JsonObject()
                    .put("current", current)
                    .put("knownGood", knownGood)
                    .put("builds", items);
        });
    }

    private Future<String> current() {
        return workers.executeBlocking(
                () -> AtomicPointer.readLink(config.uiDir().resolve(CURRENT)), false);
    }

    private Future<Void> point(String version) {
        return workers.executeBlocking(
                () -> {
                    AtomicPointer.link(config.uiDir().resolve(CURRENT), version);
                    return null;
                },
                false);
    }

    private Future<Void> prune() {
        return Future.all(store.uiBuilds(), current()).compose(all -> {
            List<UiBuild> builds = all.resultAt(0);
            List<String> keep =
                    List.of(Objects.toString(all.resultAt(1), ""), Objects.toString(newestGood(builds), ""));
            Future<Void> chain = Future.succeededFuture();
            for (UiBuild build : builds.subList(Math.min(config.keepBuilds(), builds.size()), builds.size())) {
                if (!keep.contains(build.version())) {
                    chain = chain.compose(done -> delete(build.version()));
                }
            }
            return chain;
        });
    }

    private Future<Void> delete(String version) {
        return store.deleteUiBuild(version)
                .compose(done -> workers.executeBlocking(
                        () -> {
                            FileTrees.delete(config.uiDir().resolve(version));
                            return null;
                        },
                        false));
    }

    private static String newestGood(List<UiBuild> builds) {
        return builds.stream()
                .filter(build -> GOOD.equals(build.status()))
                .map(UiBuild::version)
                .findFirst()
                .orElse(null);
    }

    private static JsonObject find(JsonObject list, String version) {
        return list.getJsonArray("builds").stream()
                .map(JsonObject.class::cast)
                .filter(build -> version.equals(build.getString("version")))
                .findFirst()
                .orElseThrow();
    }
}
