package io.cial.selfedit;

import io.cial.protocol.Addresses;
import io.cial.selfedit.impl.LoopbackListener;
import io.cial.selfedit.impl.SelfEditConfig;
import io.cial.selfedit.impl.SelfEditServices;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The self-edit area: serves {@link Addresses#SELFEDIT} and its own loopback-only HTTP listener. Deploy exactly one
 * instance: deploys are single-flight within it, and only one listener can hold the port. Its configuration is the
 * instance configuration (see {@link SelfEditConfig}).
 */
public final class SelfEditVerticle extends VerticleBase {

    private SelfEditServices services;
    private LoopbackListener listener;

    @Override
    public Future<?> start() {
        SelfEditConfig settings = SelfEditConfig.from(config());
        listener = new LoopbackListener(vertx, settings);
        return SelfEditServices.start(vertx, settings)
                .compose(started -> {
                    services = started;
                    return services.dispatcher()
                            .register(vertx, Addresses.SELFEDIT)
                            .completion();
                })
                .compose(registered -> listener.start());
    }

    /** Lets in-flight answers (a deploy that asked for this very restart) go out before the database closes. */
    @Override
    public Future<?> stop() {
        return listener.stop().eventually(() -> services == null ? Future.succeededFuture() : services.close());
    }

    /** The bound port of the loopback listener (the configured one, or the one picked for port 0). */
    public int port() {
        return listener.port();
    }
}
