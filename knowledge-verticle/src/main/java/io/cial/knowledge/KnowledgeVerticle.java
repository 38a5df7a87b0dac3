package io.cial.knowledge;

import io.cial.knowledge.impl.FsKnowledgeFileService;
import io.cial.knowledge.impl.FsKnowledgeService;
import io.cial.knowledge.impl.KnowledgeHandlers;
import io.cial.knowledge.impl.KnowledgeLayout;
import io.cial.knowledge.impl.SkillsCatalog;
import io.cial.protocol.Addresses;
import io.cial.protocol.AreaDispatcher;
import io.cial.protocol.KnowledgeActions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the knowledges, their files, the skills catalog and {@code knowledge.resolveForTurn} on {@link
 * Addresses#KNOWLEDGE}.
 */
public final class KnowledgeVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeVerticle.class);

    private final KnowledgeConfig config;

    public KnowledgeVerticle(KnowledgeConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        KnowledgeLayout layout = new KnowledgeLayout(config.storage());
        return FsKnowledgeService.open(vertx, config, layout)
                .compose(knowledges -> {
                    KnowledgeHandlers handlers = new KnowledgeHandlers(
                            vertx,
                            knowledges,
                            new FsKnowledgeFileService(vertx, layout, config),
                            new SkillsCatalog(vertx, config.workspace(), config.engineHome()));
                    return dispatcher(handlers)
                            .register(vertx, Addresses.KNOWLEDGE)
                            .completion();
                })
                .onSuccess(v -> LOG.info("[knowledge] serving {} from {}", Addresses.KNOWLEDGE, config.storage()));
    }

    private static AreaDispatcher dispatcher(KnowledgeHandlers handlers) {
        return new AreaDispatcher("knowledge")
                .on("listKnowledges", handlers::list)
                .on("createKnowledge", handlers::create)
                .on("getKnowledge", handlers::get)
                .on("updateKnowledge", handlers::update)
                .on("deleteKnowledge", handlers::delete)
                .on("listKnowledgeTree", handlers::tree)
                .on("readKnowledgeFile", handlers::readFile)
                .on("writeKnowledgeFile", handlers::writeFile)
                .on("moveKnowledgeFile", handlers::moveFile)
                .on("deleteKnowledgeFile", handlers::deleteFile)
                .on("listSkills", handlers::listSkills)
                .internal(KnowledgeActions.RESOLVE_FOR_TURN, handlers::resolveForTurn);
    }
}
