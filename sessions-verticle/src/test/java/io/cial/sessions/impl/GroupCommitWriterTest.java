package io.cial.sessions.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.sessions.api.Provider;
import io.cial.sessions.engine.EngineEvents;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches of many turns share one transaction, and each still gets exactly its own sequence numbers, read offset and
 * task rows; a batch whose session is gone fails alone without undoing the others of its group.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class GroupCommitWriterTest {

    @TempDir
    Path dir;

    private Pool pool;
    private Context context;
    private GroupCommitWriter writer;
    private final SessionRepository sessions = new SessionRepository();
    private final TurnRepository turns = new TurnRepository();

    @BeforeEach
    void open(Vertx vertx) {
        Path file = dir.resolve("sessions.db");
        pool = Database.open(vertx, file).await();
        context = vertx.getOrCreateContext();
        writer = new GroupCommitWriter(context, pool, file);
    }

    @AfterEach
    void close() {
        onContext(() -> writer.close());
        pool.close().await();
    }

    private TurnRow turn(int n) {
        long now = System.currentTimeMillis();
        String sessionId = "ses_" + n;
        SessionRow session = new SessionRow(
                sessionId,
                "owner",
                "s" + n,
                Provider.DEMO,
                null,
                SessionRow.RUNNING,
                "eng_" + n,
                false,
                null,
                0,
                now,
                now);
        TurnRow turn = new TurnRow(
                "turn_" + n,
                sessionId,
                "owner",
                Provider.DEMO,
                TurnRow.RUNNING,
                null,
                null,
                dir.resolve(n + ".log").toString(),
                0,
                false,
                null,
                now,
                null);
        Database.transaction(pool, db -> sessions.insert(db, session).compose(v -> turns.insert(db, turn, null)))
                .await();
        return turn;
    }

    private static List<JsonObject> texts(int count, String prefix) {
        List<JsonObject> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(
                    new JsonObject().put(EngineEvents.KIND, EngineEvents.TEXT).put("text", prefix + i));
        }
        return events;
    }

    /** Runs {@code work} on the writer's context and waits for its future. */
    private <T> T onContext(java.util.function.Supplier<Future<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> work.get().onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(ar.cause());
            }
        }));
        return result.join();
    }

    private List<Long> storedSeqs(String sessionId) {
        List<Long> seqs = new ArrayList<>();
        pool.preparedQuery("SELECT seq FROM events WHERE session_id = ? ORDER BY seq")
                .execute(Tuple.of(sessionId))
                .await()
                .forEach(row -> seqs.add(row.getLong(0)));
        return seqs;
    }

    private long offset(String turnId) {
        return pool.preparedQuery("SELECT log_offset FROM turns WHERE id = ?")
                .execute(Tuple.of(turnId))
                .await()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void batchesOfManyTurnsSubmittedTogetherKeepTheirOwnSequenceAndOffset() {
        int turnCount = 20;
        int batchesPerTurn = 5;
        List<TurnRow> rows = new ArrayList<>();
        for (int n = 0; n < turnCount; n++) {
            rows.add(turn(n));
        }

        List<TurnLedger.Appended> appended = onContext(() -> {
            List<Future<TurnLedger.Appended>> all = new ArrayList<>();
            for (int b = 0; b < batchesPerTurn; b++) {
                for (TurnRow row : rows) {
                    all.add(writer.append(row, texts(3, "b" + b + "-"), (b + 1) * 100L, b == 0 ? "eng_x" : null));
                }
            }
            return Future.all(all).map(done -> done.<TurnLedger.Appended>list());
        });

        for (int n = 0; n < turnCount; n++) {
            TurnRow row = rows.get(n);
            List<Long> published = new ArrayList<>();
            for (int b = 0; b < batchesPerTurn; b++) {
                List<JsonObject> frames = appended.get(b * turnCount + n).frames();
                assertThat(frames)
                        .allSatisfy(f -> assertThat(f.getString("sessionId")).isEqualTo(row.sessionId()));
                assertThat(frames.get(0).getJsonObject("event").getString("text"))
                        .isEqualTo("b" + b + "-0");
                frames.forEach(f -> published.add(f.getLong("seq")));
            }
            List<Long> expected = new ArrayList<>();
            for (long seq = 1; seq <= 3L * batchesPerTurn; seq++) {
                expected.add(seq);
            }
            assertThat(published).isEqualTo(expected);
            assertThat(storedSeqs(row.sessionId())).isEqualTo(expected);
            assertThat(offset(row.id())).isEqualTo(batchesPerTurn * 100L);
        }
    }

    @Test
    void aBatchOfADeletedSessionFailsAloneInItsGroup() {
        TurnRow first = turn(1);
        TurnRow gone = turn(2);
        TurnRow kept = turn(3);
        pool.preparedQuery("DELETE FROM sessions WHERE id = ?")
                .execute(Tuple.of(gone.sessionId()))
                .await();

        // The first batch starts a write; the next two wait for it and go in one group together.
        List<Object> outcomes = onContext(() -> {
            Future<TurnLedger.Appended> a = writer.append(first, texts(2, "a"), 10, null);
            Future<TurnLedger.Appended> b = writer.append(gone, texts(2, "b"), 10, null);
            Future<TurnLedger.Appended> c = writer.append(kept, texts(2, "c"), 10, null);
            return Future.join(a, b, c)
                    .transform(done -> Future.succeededFuture(List.<Object>of(
                            a.succeeded() ? a.result() : a.cause(),
                            b.succeeded() ? b.result() : b.cause(),
                            c.succeeded() ? c.result() : c.cause())));
        });

        assertThat(outcomes.get(0)).isInstanceOf(TurnLedger.Appended.class);
        assertThat(outcomes.get(1)).isInstanceOf(SessionGoneException.class);
        assertThat(outcomes.get(2)).isInstanceOf(TurnLedger.Appended.class);
        assertThat(storedSeqs(kept.sessionId())).containsExactly(1L, 2L);
        assertThat(storedSeqs(gone.sessionId())).isEmpty();
        assertThat(offset(kept.id())).isEqualTo(10);
    }

    @Test
    void taskEventsAreMergedAndReturnedAsTheyNowStand() {
        TurnRow row = turn(1);
        JsonObject started = EngineEvents.task("t1", "shell", "npm test", "running", "tu_1");
        JsonObject ended = EngineEvents.task("t1", null, null, "completed", null);

        TurnLedger.Appended first = onContext(() -> writer.append(row, List.of(started), 5, null));
        TurnLedger.Appended second = onContext(() -> writer.append(row, List.of(ended), 9, null));

        assertThat(first.tasks()).hasSize(1);
        assertThat(first.tasks().get(0).getString("status")).isEqualTo("running");
        assertThat(first.tasks().get(0).getString("endedAt")).isNull();
        JsonObject task = second.tasks().get(0);
        assertThat(task.getString("id")).isEqualTo("t1");
        assertThat(task.getString("kind")).isEqualTo("shell");
        assertThat(task.getString("description")).isEqualTo("npm test");
        assertThat(task.getString("status")).isEqualTo("completed");
        assertThat(task.getString("toolUseId")).isEqualTo("tu_1");
        assertThat(task.getString("startedAt")).isEqualTo(first.tasks().get(0).getString("startedAt"));
        assertThat(task.getString("endedAt")).isNotNull();
    }

    @Test
    void theEngineSessionIsMarkedStartedWithTheBatchThatCarriesIt() {
        TurnRow row = turn(1);

        onContext(() -> writer.append(row, texts(1, "x"), 3, "eng_other"));
        assertThat(engineStarted(row.sessionId())).isFalse();
        onContext(() -> writer.append(row, texts(1, "y"), 6, "eng_1"));
        assertThat(engineStarted(row.sessionId())).isTrue();
    }

    @Test
    void theWriteLockIsFreeBetweenGroups() {
        TurnRow row = turn(1);
        onContext(() -> writer.append(row, texts(2, "x"), 4, null));

        // Another writer of the database gets the lock at once, not after the busy timeout.
        long started = System.nanoTime();
        Database.transaction(pool, db -> sessions.touch(db, row.sessionId(), 42L))
                .await();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(Database.BUSY_TIMEOUT_MS);
    }

    private boolean engineStarted(String sessionId) {
        return pool.preparedQuery("SELECT engine_started FROM sessions WHERE id = ?")
                        .execute(Tuple.of(sessionId))
                        .await()
                        .iterator()
                        .next()
                        .getLong(0)
                == 1;
    }
}
