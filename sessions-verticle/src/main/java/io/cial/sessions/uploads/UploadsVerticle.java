package io.cial.sessions.uploads;

import io.cial.protocol.Addresses;
import io.cial.protocol.AreaDispatcher;
import io.cial.protocol.UploadsActions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves the uploads operations and {@code uploads.resolveForTurn} on {@link Addresses#UPLOADS}. */
public final class UploadsVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(UploadsVerticle.class);

    private final UploadsConfig config;
    private UploadStore store;

    public UploadsVerticle(UploadsConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        UploadFiles files = new UploadFiles(config.storage());
        return vertx.executeBlocking(() -> {
                    files.init();
                    return files.database();
                })
                .compose(database -> UploadStore.open(vertx, database))
                .compose(opened -> {
                    store = opened;
                    UploadsHandlers handlers =
                            new UploadsHandlers(vertx, new UploadsService(vertx, config, opened, files));
                    return dispatcher(handlers)
                            .register(vertx, Addresses.UPLOADS)
                            .completion();
                })
                .onSuccess(v -> LOG.info("[uploads] serving {} from {}", Addresses.UPLOADS, config.storage()));
    }

    @Override
    public Future<?> stop() {
        return store == null ? Future.succeededFuture() : store.close();
    }

    private static AreaDispatcher dispatcher(UploadsHandlers handlers) {
        return new AreaDispatcher("uploads")
                .on("uploadFile", handlers::upload)
                .on("listUploads", handlers::list)
                .on("getUpload", handlers::get)
                .on("downloadUpload", handlers::download)
                .on("deleteUpload", handlers::delete)
                .internal(UploadsActions.RESOLVE_FOR_TURN, handlers::resolveForTurn);
    }
}
