package io.cial.sessions.impl;

import io.cial.protocol.Frames;
import io.cial.sessions.engine.EngineEvents;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * Stores the batches of every running turn with group commit: the batches that wait while a write is in progress go
 * into the next transaction together, written by one blocking call on a connection of the writer's own. A batch costs
 * one hop to a worker and a share of one commit, where a transaction of its own costs a hop per statement and a commit
 * (an fsync) per turn, which is what made latency grow with the number of turns streaming at once. Each batch runs in
 * a savepoint, so a batch that fails (its session was deleted) is undone alone. Writes wait in the pool's write queue
 * like every other transaction of the area, so they never race them for SQLite's write lock.
 *
 * <p>{@link #append} and {@link #close} are called on the verticle's context, where outcomes are delivered.
 */
public final class GroupCommitWriter {

    private static final String ADVANCE = "UPDATE turns SET log_offset = ? WHERE id = ?";
    private static final String MARK_ENGINE_STARTED =
            "UPDATE sessions SET engine_started = 1 WHERE id = ? AND engine_session_id = ?";

    private final Context context;
    private final Pool pool;
    private final Path file;
    private volatile Prepared prepared;
    private List<Batch> waiting = new ArrayList<>();
    private boolean closed;

    public GroupCommitWriter(Context context, Pool pool, Path file) {
        this.context = context;
        this.pool = pool;
        this.file = file;
    }

    /** One turn's batch: its events (already normalized), the log offset after them, the engine's session id if new. */
    private record Batch(
            TurnRow turn,
            List<JsonObject> events,
            long endOffset,
            String initSessionId,
            Promise<TurnLedger.Appended> done) {}

    /**
     * Stores a batch in the next group.
     *
     * @return what to publish once it is committed; fails with {@link SessionGoneException} when the session was
     *     deleted
     */
    Future<TurnLedger.Appended> append(TurnRow turn, List<JsonObject> events, long endOffset, String initSessionId) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("the sessions database is closed"));
        }
        Batch batch = new Batch(turn, events, endOffset, initSessionId, Promise.promise());
        waiting.add(batch);
        if (waiting.size() == 1) {
            Database.queued(pool, this::writeWaiting);
        }
        return batch.done().future();
    }

    /** Closes the writer's connection once the writes already queued are done. */
    Future<Void> close() {
        closed = true;
        return Database.queued(
                pool,
                () -> context.executeBlocking(
                        () -> {
                            disconnect();
                            return null;
                        },
                        false));
    }

    private Future<Void> writeWaiting() {
        List<Batch> group = waiting;
        waiting = new ArrayList<>();
        return context.<List<Object>>executeBlocking(() -> write(group), false)
                .andThen(written -> {
                    for (int i = 0; i < group.size(); i++) {
                        Promise<TurnLedger.Appended> done = group.get(i).done();
                        if (written.failed()) {
                            done.fail(written.cause());
                        } else if (written.result().get(i) instanceof TurnLedger.Appended appended) {
                            done.complete(appended);
                        } else {
                            done.fail((Throwable) written.result().get(i));
                        }
                    }
                })
                .mapEmpty();
    }

    /** Writes the group in one transaction. @return per batch, what it stored or why it failed */
    private List<Object> write(List<Batch> group) throws SQLException {
        Prepared db = prepared();
        long now = System.currentTimeMillis();
        List<Object> outcomes = new ArrayList<>(group.size());
        try {
            db.control().execute("BEGIN IMMEDIATE");
            for (Batch batch : group) {
                db.control().execute("SAVEPOINT batch");
                try {
                    outcomes.add(store(db, batch, now));
                } catch (SQLException | SessionGoneException e) {
                    db.control().execute("ROLLBACK TO batch");
                    outcomes.add(e);
                }
                db.control().execute("RELEASE batch");
            }
            db.control().execute("COMMIT");
            return outcomes;
        } catch (SQLException e) {
            disconnect();
            throw e;
        }
    }

    private static TurnLedger.Appended store(Prepared db, Batch batch, long now) throws SQLException {
        TurnRow turn = batch.turn();
        List<JsonObject> frames = List.of();
        if (!batch.events().isEmpty()) {
            frames = frames(
                    turn,
                    batch.events(),
                    reserve(db, turn.sessionId(), batch.events().size()),
                    now);
            db.insertEvent().clearBatch(); // nothing left over from a batch that failed
            for (JsonObject frame : frames) {
                bind(db.insertEvent(), EventRepository.values(turn.sessionId(), frame, now))
                        .addBatch();
            }
            db.insertEvent().executeBatch();
        }
        bind(db.advance(), batch.endOffset(), turn.id()).executeUpdate();
        if (batch.initSessionId() != null) {
            bind(db.markEngineStarted(), turn.sessionId(), batch.initSessionId())
                    .executeUpdate();
        }
        List<JsonObject> tasks = new ArrayList<>();
        for (JsonObject event : batch.events()) {
            if (EngineEvents.is(event, EngineEvents.TASK)) {
                Object[] values = TaskRepository.applyValues(turn.sessionId(), turn.id(), event, now);
                try (ResultSet rows = bind(db.applyTask(), values).executeQuery()) {
                    rows.next();
                    tasks.add(TaskRepository.json(rows::getObject));
                }
            }
        }
        return new TurnLedger.Appended(frames, tasks);
    }

    /** @return the last of {@code count} new sequence numbers of the session */
    private static long reserve(Prepared db, String sessionId, int count) throws SQLException {
        try (ResultSet rows = bind(db.reserveSeq(), count, sessionId).executeQuery()) {
            if (!rows.next()) {
                throw new SessionGoneException(sessionId);
            }
            return rows.getLong(1);
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    private static List<JsonObject> frames(TurnRow turn, List<JsonObject> batch, long lastSeq, long now) {
        List<JsonObject> frames = new ArrayList<>(batch.size());
        long seq = lastSeq - batch.size();
        for (JsonObject event : batch) {
            frames.add(new JsonObject()
                    .put("type", Frames.TURN_EVENT)
                    .put("sessionId", turn.sessionId())
                    .put("turnId", turn.id())
                    .put("seq", ++seq)
                    .put("event", event)
                    .put("at", SessionRow.iso(now)));
        }
        return frames;
    }

    /** The writer's connection and the statements every group runs, prepared once. */
    private record Prepared(
            Connection connection,
            Statement control,
            PreparedStatement reserveSeq,
            PreparedStatement insertEvent,
            PreparedStatement advance,
            PreparedStatement markEngineStarted,
            PreparedStatement applyTask) {}

    /** The writer's connection, opened on first use with the pool's settings, and its statements. */
    private Prepared prepared() throws SQLException {
        if (prepared == null) {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(Database.BUSY_TIMEOUT_MS);
            config.enforceForeignKeys(true);
            // Transactions are begun and ended by statement: in manual-commit mode the driver would begin the next
            // one right after each commit and hold the write lock between groups.
            Connection db = config.createConnection("jdbc:sqlite:" + file);
            try {
                prepared = new Prepared(
                        db,
                        db.createStatement(),
                        db.prepareStatement(SessionRepository.RESERVE_SEQ),
                        db.prepareStatement(EventRepository.INSERT),
                        db.prepareStatement(ADVANCE),
                        db.prepareStatement(MARK_ENGINE_STARTED),
                        db.prepareStatement(TaskRepository.APPLY));
            } catch (SQLException e) {
                db.close();
                throw e;
            }
        }
        return prepared;
    }

    /** Closes the connection (and with it its statements); the next group opens a new one. */
    private void disconnect() {
        if (prepared != null) {
            try {
                prepared.connection().close();
            } catch (SQLException e) {
                // the connection is dropped either way
            }
            prepared = null;
        }
    }
}
