package io.cial.sessions.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * History stays fast with many sessions: SQLite's own query plans show that every paged read seeks an index to its
 * cursor and reads one page, with no table scan and no sort.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class HistoryQueryPlanTest {

    @TempDir
    Path dir;

    private Pool pool;

    @BeforeEach
    void open(Vertx vertx) {
        pool = Database.open(vertx, dir.resolve("sessions.db")).await();
    }

    @AfterEach
    void close() {
        pool.close().await();
    }

    private List<String> plan(String sql, Tuple params) {
        List<String> steps = new ArrayList<>();
        pool.preparedQuery("EXPLAIN QUERY PLAN " + sql)
                .execute(params)
                .await()
                .forEach(row -> steps.add(row.getString("detail")));
        return steps;
    }

    @Test
    void sessionPagesSeekTheActivityIndex() {
        List<String> first = plan(SessionRepository.PAGE_FIRST, Tuple.of("owner", 50));
        List<String> later = plan(SessionRepository.PAGE_AFTER, Tuple.of("owner", 1000L, "ses_x", 50));

        assertThat(first).containsExactly("SEARCH sessions USING INDEX sessions_by_activity (user_id=?)");
        assertThat(later)
                .containsExactly(
                        "SEARCH sessions USING INDEX sessions_by_activity (user_id=? AND (updated_at,id)<(?,?))");
    }

    @Test
    void messagePagesSeekTheSessionIndex() {
        assertThat(plan(MessageRepository.PAGE_BEFORE, Tuple.of("ses_x", Long.MAX_VALUE, 50)))
                .containsExactly("SEARCH messages USING INDEX messages_by_session (session_id=? AND pos<?)");
    }

    @Test
    void searchWalksTheFullTextIndexInOrderAndJoinsByKey() {
        List<String> steps = plan(SearchRepository.SEARCH, Tuple.of("\"x\"", Long.MAX_VALUE, "owner", 20));

        assertThat(steps.get(0)).startsWith("SCAN messages_fts VIRTUAL TABLE INDEX");
        assertThat(steps.subList(1, steps.size()))
                .containsExactly(
                        "SEARCH m USING INTEGER PRIMARY KEY (rowid=?)",
                        "SEARCH s USING INDEX sqlite_autoindex_sessions_1 (id=?)");
        assertThat(steps).noneMatch(step -> step.contains("TEMP B-TREE"));
    }
}
