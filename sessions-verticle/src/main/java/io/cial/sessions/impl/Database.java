package io.cial.sessions.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The area's SQLite database: WAL journal, synchronous FULL (a committed write survives a crash of the process and of
 * the machine), and the schema (with the {@link SearchIndex full-text index} of messages). Transactions go through
 * {@link #transaction}, not {@code Pool.withTransaction}: the
 * Vert.x 5.0.7 JDBC client leaves a connection in manual-commit mode after a transaction, so later single statements
 * on it would stay uncommitted.
 */
public final class Database {

    private static final int POOL_SIZE = 4;
    static final int BUSY_TIMEOUT_MS = 10_000;

    /** One queue per open pool, dropped with it. */
    private static final Map<Pool, WriteQueue> WRITE_QUEUES = new WeakHashMap<>();

    private static final List<String> SCHEMA = List.of(
            """
            CREATE TABLE IF NOT EXISTS sessions (
              id TEXT PRIMARY KEY,
              user_id TEXT NOT NULL,
              name TEXT NOT NULL,
              provider TEXT NOT NULL,
              model TEXT,
              status TEXT NOT NULL,
              engine_session_id TEXT NOT NULL,
              engine_started INTEGER NOT NULL DEFAULT 0,
              active_turn_id TEXT,
              last_seq INTEGER NOT NULL DEFAULT 0,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS sessions_by_activity ON sessions (user_id, updated_at DESC, id DESC)",
            """
            CREATE TABLE IF NOT EXISTS messages (
              pos INTEGER PRIMARY KEY AUTOINCREMENT,
              id TEXT NOT NULL UNIQUE,
              session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
              turn_id TEXT,
              role TEXT NOT NULL,
              text TEXT NOT NULL,
              status TEXT NOT NULL,
              parts TEXT NOT NULL DEFAULT '[]',
              attachments TEXT NOT NULL DEFAULT '[]',
              created_at INTEGER NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS messages_by_session ON messages (session_id, pos)",
            """
            CREATE TABLE IF NOT EXISTS events (
              session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
              seq INTEGER NOT NULL,
              turn_id TEXT NOT NULL,
              type TEXT NOT NULL,
              json TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              PRIMARY KEY (session_id, seq)) WITHOUT ROWID""",
            "CREATE INDEX IF NOT EXISTS events_by_turn ON events (session_id, turn_id, seq)",
            """
            CREATE TABLE IF NOT EXISTS turns (
              id TEXT PRIMARY KEY,
              session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
              user_id TEXT NOT NULL,
              provider TEXT NOT NULL,
              status TEXT NOT NULL,
              pid INTEGER,
              process_start INTEGER,
              log_path TEXT NOT NULL,
              log_offset INTEGER NOT NULL DEFAULT 0,
              token_hash TEXT,
              cancel_requested INTEGER NOT NULL DEFAULT 0,
              error TEXT,
              started_at INTEGER NOT NULL,
              ended_at INTEGER)""",
            "CREATE INDEX IF NOT EXISTS turns_by_status ON turns (status)",
            """
            CREATE TABLE IF NOT EXISTS tasks (
              session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
              task_id TEXT NOT NULL,
              turn_id TEXT NOT NULL,
              kind TEXT NOT NULL DEFAULT 'other',
              description TEXT NOT NULL DEFAULT '',
              status TEXT NOT NULL DEFAULT 'running',
              tool_use_id TEXT,
              summary TEXT,
              output_tail TEXT,
              started_at INTEGER NOT NULL,
              ended_at INTEGER,
              updated_at INTEGER NOT NULL,
              PRIMARY KEY (session_id, task_id)) WITHOUT ROWID""",
            "CREATE UNIQUE INDEX IF NOT EXISTS turns_by_token ON turns (token_hash) WHERE token_hash IS NOT NULL");

    private Database() {}

    /** Creates the folder, opens the pool and applies the schema. */
    public static Future<Pool> open(Vertx vertx, Path file) {
        return vertx.executeBlocking(() -> Files.createDirectories(file.getParent()), false)
                .map(dir -> JDBCPool.pool(vertx, connectOptions(file), new PoolOptions().setMaxSize(POOL_SIZE)))
                .compose(pool -> applySchema(pool).map(pool));
    }

    private static JDBCConnectOptions connectOptions(Path file) {
        return new JDBCConnectOptions()
                .setJdbcUrl("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL&busy_timeout=" + BUSY_TIMEOUT_MS
                        + "&foreign_keys=on");
    }

    /**
     * Runs {@code work} in one immediate transaction (it takes the write lock when it begins, so it never fails to
     * upgrade a read lock): committed when its future succeeds, rolled back when it fails. Transactions of one pool
     * run one after another in a {@link WriteQueue}; other writers (another process) wait on the busy timeout.
     */
    public static <T> Future<T> transaction(Pool pool, Function<SqlConnection, Future<T>> work) {
        return writes(pool)
                .submit(() -> pool.withConnection(conn -> conn.query("BEGIN IMMEDIATE")
                        .execute()
                        .compose(begun -> run(work, conn))
                        .compose(result -> conn.query("COMMIT").execute().map(result), failure -> conn.query("ROLLBACK")
                                .execute()
                                .transform(ar -> Future.<T>failedFuture(failure)))));
    }

    /** Runs {@code write}, a write of the pool's database made otherwise, in turn with the pool's transactions. */
    static <T> Future<T> queued(Pool pool, Supplier<Future<T>> write) {
        return writes(pool).submit(write);
    }

    /** The write queue of a pool; transactions of one pool never race each other for SQLite's write lock. */
    private static WriteQueue writes(Pool pool) {
        synchronized (WRITE_QUEUES) {
            return WRITE_QUEUES.computeIfAbsent(pool, p -> new WriteQueue());
        }
    }

    private static <T> Future<T> run(Function<SqlConnection, Future<T>> work, SqlConnection conn) {
        try {
            return work.apply(conn);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static Future<Void> applySchema(Pool pool) {
        return transaction(pool, conn -> {
            Future<?> chain = Future.succeededFuture();
            for (String statement : SCHEMA) {
                chain = chain.compose(v -> conn.query(statement).execute());
            }
            return chain.compose(v -> addMissingColumns(conn)).compose(v -> SearchIndex.apply(conn));
        });
    }

    /** Columns added after a table was first created ({@code CREATE TABLE IF NOT EXISTS} keeps an older table). */
    private static Future<Void> addMissingColumns(SqlConnection conn) {
        return conn.query("PRAGMA table_info(messages)").execute().compose(columns -> {
            for (Row column : columns) {
                if ("attachments".equals(column.getString("name"))) {
                    return Future.succeededFuture();
                }
            }
            return conn.query("ALTER TABLE messages ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]'")
                    .execute()
                    .mapEmpty();
        });
    }
}
