package io.cial.sessions.impl;

import io.cial.sessions.api.TurnStatus;
import io.cial.sessions.engine.EngineEvents;
import io.cial.sessions.engine.LogTailer;
import io.cial.sessions.engine.NormalizedLine;
import io.cial.sessions.engine.ProcessGroups;
import io.cial.sessions.engine.ProcessGroups.Signal;
import io.cial.sessions.engine.ProcessIdentity;
import io.cial.sessions.engine.StreamJsonNormalizer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one running turn on the verticle's context: tails the engine's log, normalizes each line, stores the events
 * with the read offset and publishes them, enforces the wall-clock limit, escalates a cancel from SIGINT to SIGKILL,
 * and closes the turn once the engine has exited and its log is drained. A runner is created either for a process it
 * just started or, after a restart, for a process-state record it re-attaches to.
 */
final class TurnRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TurnRunner.class);
    /** Fallback poll of the log and of a re-attached process, in case a file notification is missed. */
    static final long POLL_MS = 250;
    /** How much of a background task's output is kept with it. */
    static final int OUTPUT_TAIL_BYTES = 2000;

    private final TurnDeps deps;
    private final TurnRow turn;
    private final Runnable onClosed;
    private final Runnable onLost;
    private final StreamJsonNormalizer normalizer = new StreamJsonNormalizer();
    private final Path logFile;
    private LogTailer tailer;
    private ProcessIdentity identity;
    private JsonObject result;
    private String firstError;
    private Integer exitCode;
    private String logError;
    private boolean child;
    private boolean cancelRequested;
    private boolean timedOut;
    private boolean exited;
    private boolean stopped;
    private long pollTimer = -1;
    private long timeoutTimer = -1;

    /**
     * @param onClosed called once the turn is closed
     * @param onLost called when storing failed and this runner gave up; the owner re-attaches a fresh runner, which
     *     resumes from the last committed offset
     */
    TurnRunner(TurnDeps deps, TurnRow turn, Runnable onClosed, Runnable onLost) {
        this.deps = deps;
        this.turn = turn;
        this.onClosed = onClosed;
        this.onLost = onLost;
        this.logFile = Path.of(turn.logPath());
        this.cancelRequested = turn.cancelRequested();
    }

    TurnRow turn() {
        return turn;
    }

    /** Follows a process this server just started; its exit is reported by the JVM. */
    void follow(ProcessIdentity started, Process process) {
        identity = started;
        child = true;
        begin();
        process.onExit().thenAccept(p -> deps.context().runOnContext(v -> onExit(p.exitValue())));
    }

    /**
     * Re-attaches after a restart: replays the part of the log already stored (to restore the normalizer's state
     * without emitting anything), then follows the process if it still runs, or finishes from the log if it ended.
     */
    Future<Void> reattach(ProcessIdentity recorded) {
        identity = recorded;
        return deps.vertx()
                .executeBlocking(this::storedLines, false)
                .map(lines -> {
                    lines.forEach(line -> normalizer.accept(line).events().forEach(this::observe));
                    begin();
                    return (Void) null;
                })
                .recover(e -> {
                    logError = "the turn's log " + logFile + " is unusable after a restart: " + e.getMessage();
                    exited = true;
                    killLeftovers();
                    return closeTurn();
                });
    }

    /** Requests cancellation: SIGINT to the group (the CLI writes its abort lines), then SIGTERM, then SIGKILL. */
    void cancel() {
        cancelRequested = true;
        signal(Signal.INT);
        long grace = deps.config().cancelGraceMs();
        deps.vertx().setTimer(grace, t1 -> {
            if (!exited) {
                signal(Signal.TERM);
                deps.vertx().setTimer(grace, t2 -> {
                    if (!exited) {
                        signal(Signal.KILL);
                    }
                });
            }
        });
    }

    /** Stops following without touching the process: the server is stopping, and a later start re-attaches. */
    void stop() {
        stopped = true;
        release();
    }

    /** Kills the process group and stops without closing the turn: its session is being deleted. */
    Future<Void> abandon() {
        stop();
        return identity == null
                ? Future.succeededFuture()
                : deps.vertx()
                        .executeBlocking(() -> ProcessGroups.signal(identity.pid(), Signal.KILL), false)
                        .mapEmpty();
    }

    private void begin() {
        tailer = new LogTailer(deps.vertx(), logFile, turn.logOffset(), this::onLines);
        deps.watcher().listen(logFile.getFileName(), tailer::wake);
        pollTimer = deps.vertx().setPeriodic(POLL_MS, id -> poll());
        long elapsed = System.currentTimeMillis() - turn.startedAt();
        long remaining = Math.max(1, deps.config().turnTimeout().toMillis() - elapsed);
        timeoutTimer = deps.vertx().setTimer(remaining, id -> onTimeout());
        poll();
    }

    private void poll() {
        tailer.wake();
        if (identity != null && !child && !exited) {
            deps.vertx().executeBlocking(identity::isAlive, false).onSuccess(alive -> {
                if (!alive) {
                    onExit(null);
                }
            });
        }
    }

    private Future<Void> onLines(List<String> lines, long endOffset) {
        List<JsonObject> events = new ArrayList<>();
        String initSessionId = null;
        for (String line : lines) {
            NormalizedLine normalized = normalizer.accept(line);
            normalized.events().forEach(this::observe);
            events.addAll(normalized.events());
            initSessionId = normalized.engineSessionId() != null ? normalized.engineSessionId() : initSessionId;
        }
        String engineSessionId = initSessionId;
        return withOutputTails(events)
                .compose(enriched -> deps.ledger().append(turn, enriched, endOffset, engineSessionId))
                .onSuccess(this::publish)
                .onFailure(this::onStoreFailure)
                .mapEmpty();
    }

    private void publish(TurnLedger.Appended appended) {
        appended.frames().forEach(frame -> deps.publisher().turnFrame(turn.sessionId(), frame));
        appended.tasks().forEach(task -> deps.publisher().taskUpdated(turn.userId(), turn.sessionId(), task));
    }

    /**
     * Adds the tail of a finished task's output file to its event. Only files under the engine home are read: the
     * path comes from engine output, which must not make the server read anything else.
     */
    private Future<List<JsonObject>> withOutputTails(List<JsonObject> events) {
        if (events.stream().noneMatch(e -> e.containsKey("outputFile"))) {
            return Future.succeededFuture(events);
        }
        Path home = deps.config().engineHome().toAbsolutePath().normalize();
        return deps.vertx()
                .executeBlocking(
                        () -> {
                            for (JsonObject event : events) {
                                String file = event.getString("outputFile");
                                Path path = file == null
                                        ? null
                                        : Path.of(file).toAbsolutePath().normalize();
                                if (path != null && path.startsWith(home) && Files.isRegularFile(path)) {
                                    event.put("outputTail", tail(path));
                                }
                            }
                            return events;
                        },
                        false);
    }

    private static String tail(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(OUTPUT_TAIL_BYTES, size));
            channel.read(bytes, size - bytes.capacity());
            return new String(bytes.array(), StandardCharsets.UTF_8).strip();
        }
    }

    private void observe(JsonObject event) {
        if (EngineEvents.is(event, EngineEvents.RESULT)) {
            result = event;
        } else if (EngineEvents.is(event, EngineEvents.ERROR) && firstError == null) {
            firstError = event.getString("message");
        }
    }

    private void onStoreFailure(Throwable failure) {
        if (failure instanceof SessionGoneException || stopped) {
            stop();
            return;
        }
        LOG.error("[sessions] storing events of turn {} failed; resuming from the stored offset", turn.id(), failure);
        stop();
        onLost.run();
    }

    private void onTimeout() {
        if (exited) {
            return;
        }
        timedOut = true;
        LOG.warn(
                "[sessions] turn {} exceeded its limit of {}",
                turn.id(),
                deps.config().turnTimeout());
        signal(Signal.TERM);
        deps.vertx().setTimer(deps.config().cancelGraceMs(), id -> {
            if (!exited) {
                signal(Signal.KILL);
            }
        });
    }

    private void onExit(Integer code) {
        if (exited || stopped) {
            return;
        }
        exited = true;
        exitCode = code;
        tailer.drain()
                .otherwise(e -> {
                    logError = "the turn's log " + logFile + " could not be read: " + e.getMessage();
                    return null;
                })
                .compose(v -> deps.ledger().cancelRequested(turn.id()))
                .otherwise(false)
                .compose(requested -> {
                    cancelRequested |= requested;
                    return closeTurn();
                });
    }

    private Future<Void> closeTurn() {
        Outcome outcome = outcome();
        return removeScratchFiles()
                .compose(v -> deps.ledger().close(turn, outcome.status(), outcome.error()))
                .onSuccess(closed -> {
                    if (closed != null) {
                        deps.publisher().turnFrame(turn.sessionId(), closed.doneFrame());
                        deps.publisher()
                                .sessionUpdated(turn.userId(), closed.session().toJson(null));
                    }
                })
                .<Void>mapEmpty()
                .onComplete(ar -> {
                    release();
                    if (cancelRequested || timedOut) {
                        killLeftovers();
                    }
                    if (ar.failed() && !(ar.cause() instanceof SessionGoneException)) {
                        LOG.error("[sessions] closing turn {} failed; retrying", turn.id(), ar.cause());
                        onLost.run();
                    } else {
                        onClosed.run();
                    }
                });
    }

    /**
     * Removes the prompt, the MCP config (with its secrets) and the system prompt once the engine is gone, before
     * {@code turn.done} goes out; also for a turn this server re-attached to. A file that cannot go is only logged.
     */
    private Future<Void> removeScratchFiles() {
        return deps.vertx()
                .executeBlocking(
                        () -> {
                            for (Path file : deps.config().turnScratchFiles(turn.id())) {
                                Files.deleteIfExists(file);
                            }
                            return (Void) null;
                        },
                        false)
                .otherwise(e -> {
                    LOG.warn("[sessions] the files of turn {} could not all be removed: {}", turn.id(), e.toString());
                    return null;
                });
    }

    private record Outcome(TurnStatus status, String error) {}

    private Outcome outcome() {
        if (cancelRequested) {
            return new Outcome(TurnStatus.CANCELLED, null);
        }
        if (timedOut) {
            return new Outcome(
                    TurnStatus.ERROR,
                    "the turn exceeded its wall-clock limit of "
                            + deps.config().turnTimeout().toSeconds() + " s");
        }
        if (logError != null) {
            return new Outcome(TurnStatus.ERROR, logError);
        }
        if (result != null) {
            return result.getBoolean("isError", false)
                    ? new Outcome(TurnStatus.ERROR, firstError != null ? firstError : "the engine reported an error")
                    : new Outcome(TurnStatus.OK, null);
        }
        if (firstError != null) {
            return new Outcome(TurnStatus.ERROR, firstError);
        }
        String code = exitCode == null ? "" : " with code " + exitCode;
        return new Outcome(TurnStatus.ERROR, "the engine exited" + code + " without a result");
    }

    private void killLeftovers() {
        long pgid = identity.pid();
        deps.vertx()
                .executeBlocking(() -> ProcessGroups.exists(pgid) && ProcessGroups.signal(pgid, Signal.KILL), false);
    }

    private void signal(Signal signal) {
        if (identity == null) {
            return;
        }
        deps.vertx().executeBlocking(() -> identity.isAlive() && ProcessGroups.signal(identity.pid(), signal), false);
    }

    private void release() {
        if (tailer != null) {
            tailer.stop();
        }
        deps.watcher().forget(logFile.getFileName());
        deps.vertx().cancelTimer(pollTimer);
        deps.vertx().cancelTimer(timeoutTimer);
    }

    private List<String> storedLines() throws IOException {
        long size = Files.size(logFile);
        if (size < turn.logOffset()) {
            throw new IOException("its stored offset " + turn.logOffset() + " is past its end (" + size + " bytes)");
        }
        if (turn.logOffset() == 0) {
            return List.of();
        }
        byte[] stored = new byte[(int) turn.logOffset()];
        try (InputStream in = Files.newInputStream(logFile)) {
            in.readNBytes(stored, 0, stored.length);
        }
        return new String(stored, StandardCharsets.UTF_8).lines().toList();
    }
}
