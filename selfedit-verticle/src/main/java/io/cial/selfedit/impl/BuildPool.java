package io.cial.selfedit.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.selfedit.impl.SelfEditStore.Build;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The staged server builds in {@code <dataDir>/selfedit/builds/<buildId>/}, and the two pointer files the supervisor
 * ({@code bin/cial}) reads: {@code current}, the build to start, and {@code known-good}, the newest build that booted,
 * which the supervisor falls back to when the current one dies on start. Each pointer holds the jar's path relative to
 * the builds folder, e.g. {@code 20261204-101500123-ab12/cial.jar}; no {@code current} means the source tree's jar.
 */
final class BuildPool {

    static final String CURRENT = "current";
    static final String KNOWN_GOOD = "known-good";

    private final SelfEditConfig config;
    private final SelfEditStore store;
    private final WorkerExecutor workers;

    BuildPool(SelfEditConfig config, SelfEditStore store, WorkerExecutor workers) {
        this.config = config;
        this.store = store;
        this.workers = workers;
    }

    /**
     * Copies the tree's artifact into the pool as build {@code id} and makes it current, then prunes old builds.
     *
     * @return the build; fails {@code conflict} when the build left no artifact
     */
    Future<Build> stage(String id) {
        return workers.executeBlocking(() -> copyArtifact(id), false)
                .compose(build -> store.insertBuild(build).map(build))
                .compose(build -> movePointer(CURRENT, build).map(build))
                .compose(build -> prune().map(build));
    }

    private Build copyArtifact(String id) throws IOException {
        Path source = config.sourceDir().resolve(config.artifact());
        if (!Files.isRegularFile(source)) {
            throw ApiException.of(
                    ErrorCode.CONFLICT, "the build succeeded but left no artifact at %s", config.artifact());
        }
        Path dir = Files.createDirectories(config.buildsDir().resolve(id));
        Path target = dir.resolve(source.getFileName());
        Path temp = dir.resolve("." + source.getFileName() + ".tmp");
        Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return new Build(id, id + "/" + source.getFileName(), Instant.now().toString(), false);
    }

    /** The build id a pointer names, or null for none (the source tree's jar). */
    Future<String> pointer(String name) {
        return workers.executeBlocking(
                () -> idOf(AtomicPointer.read(config.buildsDir().resolve(name))), false);
    }

    Future<Void> movePointer(String name, Build build) {
        return workers.executeBlocking(
                () -> {
                    Files.createDirectories(config.buildsDir());
                    AtomicPointer.write(config.buildsDir().resolve(name), build.artifact());
                    return null;
                },
                false);
    }

    /** Records that {@code id} booted: it becomes known-good, and the newest known-good is what the pointer names. */
    Future<Void> markBooted(String id) {
        return store.markKnownGood(id).compose(done -> store.builds()).compose(builds -> builds.stream()
                .filter(Build::knownGood)
                .findFirst()
                .map(newest -> movePointer(KNOWN_GOOD, newest))
                .orElse(Future.succeededFuture()));
    }

    /**
     * The build to roll back to: {@code requested} when given (it must exist), otherwise the newest known-good build
     * that is not the current one.
     */
    Future<Build> rollbackTarget(String requested) {
        return Future.all(store.builds(), pointer(CURRENT)).map(all -> {
            List<Build> builds = all.resultAt(0);
            String current = all.resultAt(1);
            if (requested != null) {
                return builds.stream()
                        .filter(build -> build.id().equals(requested))
                        .findFirst()
                        .orElseThrow(() -> ApiException.notFound("no staged build %s", requested));
            }
            return builds.stream()
                    .filter(build -> build.knownGood() && !build.id().equals(current))
                    .findFirst()
                    .orElseThrow(() -> ApiException.of(
                            ErrorCode.CONFLICT, "there is no earlier known-good build to roll back to"));
        });
    }

    /** The contract's {@code BuildList}. */
    Future<JsonObject> list() {
        return Future.all(store.builds(), pointer(CURRENT), pointer(KNOWN_GOOD)).map(all -> {
            List<Build> builds = all.resultAt(0);
            String current = all.resultAt(1);
            JsonArray items = new JsonArray();
            builds.forEach(build -> items.add(new JsonObject()
                    .put("buildId", build.id())
                    .put("createdAt", build.createdAt())
                    .put("artifact", build.artifact())
                    .put("knownGood", build.knownGood())
                    .put("current", build.id().equals(current))));
            return new JsonObject()
                    .put("current", current)
                    .put("knownGood", all.resultAt(2))
                    .put("running", config.runningBuild())
                    .put("builds", items);
        });
    }

    /** Keeps the newest {@code keepBuilds}, and always the current, the newest known-good and the running build. */
    private Future<Void> prune() {
        return Future.all(store.builds(), pointer(CURRENT), pointer(KNOWN_GOOD)).compose(all -> {
            List<Build> builds = all.resultAt(0);
            List<String> keep = List.of(
                    Objects.toString(all.resultAt(1), ""),
                    Objects.toString(all.resultAt(2), ""),
                    Objects.toString(config.runningBuild(), ""));
            Future<Void> chain = Future.succeededFuture();
            for (Build build : builds.subList(Math.min(config.keepBuilds(), builds.size()), builds.size())) {
                if (!keep.contains(build.id())) {
                    chain = chain.compose(done -> delete(build));
                }
            }
            return chain;
        });
    }

    private Future<Void> delete(Build build) {
        return store.deleteBuild(build.id())
                .compose(done -> workers.executeBlocking(
                        () -> {
                            FileTrees.delete(config.buildsDir().resolve(build.id()));
                            return null;
                        },
                        false));
    }

    private static String idOf(String artifact) {
        if (artifact == null || artifact.isEmpty()) {
            return null;
        }
        int slash = artifact.indexOf('/');
        return slash < 0 ? artifact : artifact.substring(0, slash);
    }
}
