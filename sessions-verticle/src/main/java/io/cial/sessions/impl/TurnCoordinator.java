package io.cial.sessions.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.sessions.SessionsConfig;
import io.cial.sessions.api.Provider;
import io.cial.sessions.api.TurnStatus;
import io.cial.sessions.engine.DetachedProcess;
import io.cial.sessions.engine.Engine;
import io.cial.sessions.engine.EngineLaunch;
import io.cial.sessions.engine.LogWatcher;
import io.cial.sessions.engine.ProcessGroups;
import io.cial.sessions.engine.ProcessIdentity;
import io.cial.sessions.engine.TurnContext;
import io.cial.sessions.engine.TurnSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, cancels and re-attaches turns. Starting a turn takes its resolved {@link TurnContext}, builds the engine's
 * launch (program, environment, private files), claims the session in SQLite (one turn per session), stores the user
 * message with its attachments, spawns the engine detached and hands it to a {@link TurnRunner}. At start-up it
 * reconciles every turn the database still marks running.
 */
public final class TurnCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(TurnCoordinator.class);

    static final long RETRY_MS = 1000;

    private final Vertx vertx;
    private final SessionsConfig config;
    private final TurnLedger ledger;
    private final FramePublisher publisher;
    private final Map<Provider, Engine> engines;
    private final AgentTokens tokens;
    private final ApiUrlLookup apiUrl;
    private final Map<String, TurnRunner> runners = new HashMap<>();
    private TurnDeps deps;
    private boolean stopped;

    public TurnCoordinator(
            Vertx vertx,
            SessionsConfig config,
            TurnLedger ledger,
            FramePublisher publisher,
            Map<Provider, Engine> engines,
            AgentTokens tokens,
            ApiUrlLookup apiUrl) {
        this.vertx = vertx;
        this.config = config;
        this.ledger = ledger;
        this.publisher = publisher;
        this.engines = Map.copyOf(engines);
        this.tokens = tokens;
        this.apiUrl = apiUrl;
    }

    /** Starts watching the turn logs and reconciles the turns left running by a previous run. */
    public Future<Void> start(Context context) {
        return vertx.executeBlocking(
                        () -> {
                            Files.createDirectories(config.turnsDir());
                            return LogWatcher.start(config.turnsDir(), context);
                        },
                        false)
                .map(watcher -> deps = new TurnDeps(vertx, context, config, ledger, publisher, watcher))
                .compose(v -> reconcile());
    }

    /** Stops following every turn; engines keep running and the next start re-attaches to them. */
    public void stop() {
        stopped = true;
        List.copyOf(runners.values()).forEach(TurnRunner::stop);
        runners.clear();
        if (deps != null) {
            deps.watcher().close();
        }
    }

    /**
     * Starts a turn on the caller's session with its resolved context.
     *
     * @return {@code {turnId, sessionId, userMessageId, afterSeq}}; fails {@code turn_running} or {@code
     *     engine_unavailable}
     */
    public Future<JsonObject> startTurn(SessionRow session, TurnRequest request, TurnContext context) {
        if (session.activeTurnId() != null) {
            return Future.failedFuture(turnRunning(session.id()));
        }
        SessionRow effective = withEngine(session, request.provider(), request.model());
        String turnId = Ids.turn();
        return tokens.mint().compose(token -> apiUrl.apiUrl()
                .compose(url ->
                        engine(effective.provider()).prepare(spec(effective, turnId, token.token(), url, context)))
                .compose(launch -> open(session, effective, turnId, request.text(), context, launch, token.hash())));
    }

    private Future<JsonObject> open(
            SessionRow session,
            SessionRow effective,
            String turnId,
            String text,
            TurnContext context,
            EngineLaunch launch,
            String tokenHash) {
        long now = System.currentTimeMillis();
        Path log = config.turnLog(turnId);
        TurnRow turn = new TurnRow(
                turnId,
                session.id(),
                session.userId(),
                effective.provider(),
                TurnRow.RUNNING,
                null,
                null,
                log.toString(),
                0,
                false,
                null,
                now,
                null);
        MessageRow user = new MessageRow(
                0,
                Ids.message(),
                session.id(),
                turnId,
                MessageRow.USER,
                text,
                MessageRow.COMPLETE,
                new JsonArray(),
                context.attachmentsJson(),
                now);
        return ledger.open(effective, effective != session, turn, tokenHash, user)
                .onSuccess(v -> publisher.sessionUpdated(session.userId(), running(effective, turnId, now)))
                .compose(v -> spawn(turn, launch, text))
                .map(v -> new JsonObject()
                        .put("turnId", turnId)
                        .put("sessionId", session.id())
                        .put("userMessageId", user.id())
                        // The turn's events all come after this: a client follows the session from here.
                        .put("afterSeq", session.lastSeq()));
    }

    private Future<Void> spawn(TurnRow turn, EngineLaunch launch, String text) {
        Path prompt = config.turnPrompt(turn.id());
        return vertx.executeBlocking(
                        () -> DetachedProcess.start(launch, text, prompt, Path.of(turn.logPath()), config.engineNice()),
                        false)
                .compose(started -> ledger.recordProcess(
                                turn.id(),
                                started.identity().pid(),
                                started.identity().startTicks())
                        .map(v -> {
                            TurnRunner runner = runner(turn);
                            runners.put(turn.id(), runner);
                            runner.follow(started.identity(), started.process());
                            return (Void) null;
                        }))
                .recover(e -> failToStart(turn, e));
    }

    private Future<Void> failToStart(TurnRow turn, Throwable e) {
        LOG.error("[sessions] the engine of turn {} could not be started", turn.id(), e);
        removeScratchFiles(turn.id());
        String error = "the engine could not be started: " + e.getMessage();
        return ledger.close(turn, TurnStatus.ERROR, error).map(closed -> {
            if (closed != null) {
                publisher.turnFrame(turn.sessionId(), closed.doneFrame());
                publisher.sessionUpdated(turn.userId(), closed.session().toJson(null));
            }
            return null;
        });
    }

    /**
     * Cancels the session's running turn.
     *
     * @return the turn id; fails {@code no_turn_running}
     */
    public Future<String> cancelTurn(SessionRow session) {
        String turnId = session.activeTurnId();
        if (turnId == null) {
            return Future.failedFuture(noTurn(session.id()));
        }
        return ledger.requestCancel(turnId).compose(requested -> {
            if (!requested) {
                return Future.failedFuture(noTurn(session.id()));
            }
            TurnRunner runner = runners.get(turnId);
            if (runner != null) {
                runner.cancel();
                return Future.succeededFuture(turnId);
            }
            return signalRecorded(turnId, ProcessGroups.Signal.INT).map(turnId);
        });
    }

    /** Stops the session's running turn for good (its session is being deleted): SIGKILL, no {@code turn.done}. */
    public Future<Void> abandon(String turnId) {
        TurnRunner runner = runners.remove(turnId);
        return runner != null ? runner.abandon() : signalRecorded(turnId, ProcessGroups.Signal.KILL);
    }

    /** Removes every file of deleted turns: logs, prompts, MCP configs, system prompts. */
    public Future<Void> removeFiles(List<String> turnIds) {
        return vertx.executeBlocking(
                () -> {
                    for (String turnId : turnIds) {
                        Files.deleteIfExists(config.turnLog(turnId));
                        for (Path file : config.turnScratchFiles(turnId)) {
                            Files.deleteIfExists(file);
                        }
                    }
                    return null;
                },
                false);
    }

    private void removeScratchFiles(String turnId) {
        config.turnScratchFiles(turnId)
                .forEach(file -> vertx.fileSystem().delete(file.toString()).otherwiseEmpty());
    }

    private Future<Void> signalRecorded(String turnId, ProcessGroups.Signal signal) {
        return ledger.find(turnId).compose(turn -> {
            if (turn == null || turn.pid() == null || turn.processStart() == null) {
                return Future.succeededFuture();
            }
            ProcessIdentity identity = new ProcessIdentity(turn.pid(), turn.processStart());
            return vertx.executeBlocking(
                            () -> identity.isAlive() && ProcessGroups.signal(identity.pid(), signal), false)
                    .mapEmpty();
        });
    }

    private Future<Void> reconcile() {
        return ledger.running().compose(turns -> {
            if (!turns.isEmpty()) {
                LOG.info("[sessions] reconciling {} turn(s) left running", turns.size());
            }
            return Future.all(turns.stream().map(this::reattach).toList()).mapEmpty();
        });
    }

    private Future<Void> reattach(TurnRow turn) {
        ProcessIdentity identity = new ProcessIdentity(
                Objects.requireNonNullElse(turn.pid(), 0L), Objects.requireNonNullElse(turn.processStart(), -1L));
        TurnRunner runner = runner(turn);
        runners.put(turn.id(), runner);
        return runner.reattach(identity);
    }

    private TurnRunner runner(TurnRow turn) {
        return new TurnRunner(deps, turn, () -> runners.remove(turn.id()), () -> reattachLater(turn.id()));
    }

    /** Replaces a runner that gave up after a storage failure with a fresh one, from the committed offset. */
    private void reattachLater(String turnId) {
        runners.remove(turnId);
        if (stopped) {
            return;
        }
        vertx.setTimer(RETRY_MS, id -> ledger.find(turnId).onSuccess(turn -> {
            if (!stopped && turn != null && TurnRow.RUNNING.equals(turn.status()) && !runners.containsKey(turnId)) {
                reattach(turn);
            }
        }));
    }

    private Engine engine(Provider provider) {
        Engine engine = engines.get(provider);
        if (engine == null) {
            throw ApiException.of(ErrorCode.ENGINE_UNAVAILABLE, "no engine serves provider %s", provider.wire());
        }
        return engine;
    }

    /** The session with the turn's provider and model; a provider change starts a fresh engine session. */
    private static SessionRow withEngine(SessionRow s, Provider provider, String model) {
        Provider p = provider == null ? s.provider() : provider;
        String m = model == null ? s.model() : model;
        if (p == s.provider() && Objects.equals(m, s.model())) {
            return s;
        }
        boolean fresh = p != s.provider();
        return new SessionRow(
                s.id(),
                s.userId(),
                s.name(),
                p,
                m,
                s.status(),
                fresh ? Ids.engineSession() : s.engineSessionId(),
                !fresh && s.engineStarted(),
                s.activeTurnId(),
                s.lastSeq(),
                s.createdAt(),
                s.updatedAt());
    }

    private static TurnSpec spec(SessionRow s, String turnId, String token, String url, TurnContext context) {
        return new TurnSpec(
                turnId, s.id(), s.userId(), s.engineSessionId(), s.engineStarted(), s.model(), token, url, context);
    }

    private static JsonObject running(SessionRow s, String turnId, long now) {
        SessionRow row = new SessionRow(
                s.id(),
                s.userId(),
                s.name(),
                s.provider(),
                s.model(),
                SessionRow.RUNNING,
                s.engineSessionId(),
                s.engineStarted(),
                turnId,
                s.lastSeq(),
                s.createdAt(),
                now);
        return row.toJson(new JsonObject()
                .put("turnId", turnId)
                .put("text", "")
                .put("active", true)
                .put("lastSeq", s.lastSeq()));
    }

    static ApiException turnRunning(String sessionId) {
        return ApiException.of(ErrorCode.TURN_RUNNING, "session %s already has a turn running", sessionId);
    }

    private static ApiException noTurn(String sessionId) {
        return ApiException.of(ErrorCode.NO_TURN_RUNNING, "session %s has no turn running", sessionId);
    }
}
