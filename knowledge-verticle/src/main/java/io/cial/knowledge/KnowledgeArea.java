package io.cial.knowledge;

import io.cial.protocol.Addresses;
import io.cial.protocol.AreaModule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The knowledge area: knowledge bases, their files, and the skills catalog. */
public final class KnowledgeArea implements AreaModule {

    @Override
    public String name() {
        return KnowledgeConfig.AREA;
    }

    @Override
    public String address() {
        return Addresses.KNOWLEDGE;
    }

    @Override
    public Future<?> deploy(Vertx vertx, JsonObject instanceConfig) {
        KnowledgeConfig config;
        try {
            config = KnowledgeConfig.from(instanceConfig);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return vertx.deployVerticle(new KnowledgeVerticle(config));
    }
}
