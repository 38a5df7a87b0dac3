package io.cial.selfedit.impl;

import io.cial.protocol.AreaDispatcher;
import io.cial.selfedit.api.SelfEditOperations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the self-edit area's services around one database and one worker pool, settles what the previous process
 * left (and, after the boot settle time, confirms the build this process runs), and maps every operation onto a
 * dispatcher.
 */
public final class SelfEditServices {

    private static final int WORKERS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(SelfEditServices.class);

    private final Vertx vertx;
    private final SelfEditStore store;
    private final WorkerExecutor workers;
    private final DeployService deploys;
    private final LifecycleService lifecycle;
    private final UiService ui;
    private final CommitService commits;
    private long settleTimer = -1;

    private SelfEditServices(Vertx vertx, SelfEditConfig config, SelfEditStore store, WorkerExecutor workers) {
        this.vertx = vertx;
        this.store = store;
        this.workers = workers;
        Restarter restarter = new Restarter(vertx, config);
        this.deploys = new DeployService(vertx, config, store, workers, restarter);
        this.lifecycle = new LifecycleService(deploys.builds(), restarter);
        this.ui = new UiService(deploys.ui());
        this.commits = new CommitService(config, workers);
    }

    /** Creates the area's folders, opens its database and reconciles the deploy history. */
    public static Future<SelfEditServices> start(Vertx vertx, SelfEditConfig config) {
        // Builds and JGit calls run long: the pool's blocked-thread warning waits as long as a build may take.
        WorkerExecutor workers = vertx.createSharedWorkerExecutor(
                "cial-selfedit", WORKERS, config.buildTimeoutMs() + 60_000, TimeUnit.MILLISECONDS);
        return workers.executeBlocking(
                        () -> {
                            createFolders(config);
                            return null;
                        },
                        false)
                .compose(done -> SelfEditStore.open(vertx, config.dataDir().resolve("selfedit.db")))
                .map(store -> new SelfEditServices(vertx, config, store, workers))
                .compose(services -> services.deploys.settleInterrupted().map(services))
                .onSuccess(
                        services -> services.settleTimer = vertx.setTimer(config.bootSettleMs(), id -> services.deploys
                                .confirmBoot()
                                .onFailure(e -> LOG.warn("[selfedit] cannot confirm the boot of this build", e))));
    }

    private static void createFolders(SelfEditConfig config) {
        try {
            Files.createDirectories(config.deploysDir());
            Files.createDirectories(config.buildsDir());
            Files.createDirectories(config.uiDir());
        } catch (IOException e) {
            throw new UncheckedIOException("selfedit: cannot create its folders under " + config.dataDir(), e);
        }
    }

    public AreaDispatcher dispatcher() {
        return new AreaDispatcher(SelfEditConfig.AREA)
                .health(store::probe)
                .on(SelfEditOperations.DEPLOY, deploys::deploy)
                .on(SelfEditOperations.LIST_DEPLOYS, deploys::list)
                .on(SelfEditOperations.GET_DEPLOY, deploys::get)
                .on(SelfEditOperations.RESTART, lifecycle::restart)
                .on(SelfEditOperations.LIST_BUILDS, lifecycle::listBuilds)
                .on(SelfEditOperations.ROLLBACK, lifecycle::rollback)
                .on(SelfEditOperations.COMMIT, commits::commit)
                .on(SelfEditOperations.LIST_UI_BUILDS, ui::list)
                .on(SelfEditOperations.ROLLBACK_UI, ui::rollback)
                .on(SelfEditOperations.REPORT_UI_BOOT, ui::report);
    }

    public Future<Void> close() {
        vertx.cancelTimer(settleTimer);
        return store.close().eventually(() -> workers.close());
    }
}
