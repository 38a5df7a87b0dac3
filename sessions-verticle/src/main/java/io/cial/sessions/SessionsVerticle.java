package io.cial.sessions;

import io.cial.protocol.Addresses;
import io.cial.protocol.AreaDispatcher;
import io.cial.sessions.api.Provider;
import io.cial.sessions.engine.ClaudeEngine;
import io.cial.sessions.engine.DemoEngine;
import io.cial.sessions.engine.Engine;
import io.cial.sessions.impl.AgentTokens;
import io.cial.sessions.impl.ApiUrlLookup;
import io.cial.sessions.impl.Database;
import io.cial.sessions.impl.EventRepository;
import io.cial.sessions.impl.FrameHandlers;
import io.cial.sessions.impl.FramePublisher;
import io.cial.sessions.impl.GroupCommitWriter;
import io.cial.sessions.impl.MessageRepository;
import io.cial.sessions.impl.RestHandlers;
import io.cial.sessions.impl.SearchService;
import io.cial.sessions.impl.SessionRepository;
import io.cial.sessions.impl.SessionsService;
import io.cial.sessions.impl.TaskRepository;
import io.cial.sessions.impl.TurnContextResolver;
import io.cial.sessions.impl.TurnCoordinator;
import io.cial.sessions.impl.TurnLedger;
import io.cial.sessions.impl.TurnRepository;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions area: wires the database, the engines, the turn coordinator and the handlers, and serves {@code
 * cial.sessions}. Deploy one instance per data directory: start-up reconciliation re-attaches to turns left running,
 * which two instances would both do.
 */
public final class SessionsVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(SessionsVerticle.class);

    private Pool pool;
    private TurnCoordinator coordinator;
    private TurnLedger ledger;
    private MessageConsumer<JsonObject> consumer;

    @Override
    public Future<?> start() {
        SessionsConfig config = SessionsConfig.from(config());
        return Database.open(vertx, config.databaseFile()).compose(opened -> {
            pool = opened;
            return wire(config);
        });
    }

    private Future<?> wire(SessionsConfig config) {
        FramePublisher publisher = new FramePublisher(vertx.eventBus());
        AgentTokens tokens = new AgentTokens(vertx);
        ledger = new TurnLedger(
                pool,
                new GroupCommitWriter(context, pool, config.databaseFile()),
                new SessionRepository(),
                new MessageRepository(),
                new EventRepository(),
                new TurnRepository(),
                new TaskRepository());
        coordinator =
                new TurnCoordinator(vertx, config, ledger, publisher, engines(config), tokens, new ApiUrlLookup(vertx));
        SessionsService service =
                new SessionsService(pool, coordinator, publisher, new TurnContextResolver(vertx), tokens);
        AreaDispatcher dispatcher = new AreaDispatcher(SessionsConfig.AREA);
        new RestHandlers(service, new SearchService(pool)).register(dispatcher);
        new FrameHandlers(service).register(dispatcher);
        return coordinator.start(context).compose(v -> {
            consumer = dispatcher.register(vertx, Addresses.SESSIONS);
            LOG.info("[sessions] serving {} with data in {}", Addresses.SESSIONS, config.areaDir());
            return consumer.completion();
        });
    }

    /** Kimi runs the same CLI as claude: its credential (key, base URL, model) comes with the turn's context. */
    private Map<Provider, Engine> engines(SessionsConfig config) {
        ClaudeEngine claude = new ClaudeEngine(vertx, config);
        return Map.of(Provider.CLAUDE, claude, Provider.KIMI, claude, Provider.DEMO, new DemoEngine(vertx, config));
    }

    /** Stops serving and following turns; engines keep running so the next start re-attaches to them. */
    @Override
    public Future<?> stop() {
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        return unregistered.compose(v -> {
            if (coordinator != null) {
                coordinator.stop();
            }
            Future<Void> closed = ledger == null ? Future.succeededFuture() : ledger.close();
            return closed.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
        });
    }
}
