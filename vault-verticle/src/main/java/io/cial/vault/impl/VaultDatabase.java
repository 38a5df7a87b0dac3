package io.cial.vault.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Function;

/**
 * The vault's SQLite database ({@code vault.db}, WAL) behind the Vert.x JDBC pool, which runs every statement on a
 * worker. Opening it creates the schema and checks that the master key is the one the stored secrets were sealed with,
 * so a wrong key fails the start instead of every later request. Transactions go through {@link #transaction}, never
 * {@code Pool.withTransaction}: the Vert.x 5.0.7 JDBC client hands the connection back to the pool with auto-commit
 * still off, so every later single statement on it would stay uncommitted and vanish when the pool closes.
 */
public final class VaultDatabase {

    private static final int POOL_SIZE = 4;
    private static final String KEY_CHECK = "key_check";
    private static final String KEY_CHECK_PLACE = "meta:key_check";
    private static final String KEY_CHECK_TEXT = "cial-vault";

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS tools (
              id TEXT PRIMARY KEY,
              scope TEXT NOT NULL,
              owner_id TEXT NOT NULL,
              kind TEXT NOT NULL,
              name TEXT NOT NULL,
              description TEXT,
              enabled INTEGER NOT NULL,
              config TEXT NOT NULL,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              UNIQUE (scope, owner_id, name))""",
            """
            CREATE TABLE IF NOT EXISTS session_tools (
              owner_id TEXT NOT NULL,
              session_id TEXT NOT NULL,
              tool_id TEXT NOT NULL REFERENCES tools(id) ON DELETE CASCADE,
              enabled INTEGER NOT NULL,
              PRIMARY KEY (owner_id, session_id, tool_id))""",
            """
            CREATE TABLE IF NOT EXISTS accounts (
              id TEXT PRIMARY KEY,
              scope TEXT NOT NULL,
              owner_id TEXT NOT NULL,
              kind TEXT NOT NULL,
              secret TEXT NOT NULL,
              refresh_token TEXT,
              expires_at INTEGER,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              UNIQUE (scope, owner_id, kind))""",
            """
            CREATE TABLE IF NOT EXISTS oauth_flows (
              state TEXT PRIMARY KEY,
              scope TEXT NOT NULL,
              owner_id TEXT NOT NULL,
              verifier TEXT NOT NULL,
              expires_at INTEGER NOT NULL)""");

    private VaultDatabase() {}

    /** Creates the database file owner-only when missing (SQLite gives its WAL files the same mode). Blocking. */
    public static void prepareFile(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(MasterKey.OWNER_ONLY_FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            // Created meanwhile by another starter: nothing left to do.
        } catch (IOException e) {
            throw new UncheckedIOException("vault: cannot create " + file, e);
        }
    }

    /** Opens the pool, creates the schema and verifies the master key against the stored check value. */
    public static Future<Pool> open(Vertx vertx, Path file, SecretBox box) {
        String url = "jdbc:sqlite:" + file + "?journal_mode=WAL&busy_timeout=5000&synchronous=NORMAL&foreign_keys=on";
        Pool pool =
                JDBCPool.pool(vertx, new JDBCConnectOptions().setJdbcUrl(url), new PoolOptions().setMaxSize(POOL_SIZE));
        Future<Void> schema = Future.succeededFuture();
        for (String statement : SCHEMA) {
            schema = schema.compose(v -> pool.query(statement).execute().mapEmpty());
        }
        return schema.compose(v -> checkKey(vertx, pool, box)).map(pool).recover(failure -> pool.close()
                .transform(closed -> Future.failedFuture(failure)));
    }

    /**
     * Runs {@code work} in one immediate transaction on one connection (the write lock is taken when it begins, so a
     * concurrent writer waits on the busy timeout instead of failing to upgrade a read lock): committed when its future
     * succeeds, rolled back when it fails. The connection stays in auto-commit mode throughout.
     */
    public static <T> Future<T> transaction(Pool pool, Function<SqlConnection, Future<T>> work) {
        return pool.withConnection(conn -> conn.query("BEGIN IMMEDIATE")
                .execute()
                .compose(begun -> run(work, conn))
                .compose(
                        result -> conn.query("COMMIT").execute().map(result),
                        failure -> conn.query("ROLLBACK").execute().transform(ar -> Future.<T>failedFuture(failure))));
    }

    private static <T> Future<T> run(Function<SqlConnection, Future<T>> work, SqlConnection conn) {
        try {
            return work.apply(conn);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static Future<Void> checkKey(Vertx vertx, Pool pool, SecretBox box) {
        return pool.preparedQuery("SELECT value FROM meta WHERE key = ?")
                .execute(Tuple.of(KEY_CHECK))
                .compose(rows -> rows.size() == 0 ? writeCheck(vertx, pool, box) : verifyCheck(vertx, rows, box));
    }

    private static Future<Void> writeCheck(Vertx vertx, Pool pool, SecretBox box) {
        return Blocking.run(vertx, () -> box.seal(KEY_CHECK_TEXT, KEY_CHECK_PLACE))
                .compose(ciphertext -> pool.preparedQuery("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)")
                        .execute(Tuple.of(KEY_CHECK, ciphertext)))
                .mapEmpty();
    }

    private static Future<Void> verifyCheck(Vertx vertx, RowSet<Row> rows, SecretBox box) {
        String ciphertext = rows.iterator().next().getString("value");
        return Blocking.run(vertx, () -> {
            try {
                box.open(ciphertext, KEY_CHECK_PLACE);
                return null;
            } catch (IllegalStateException e) {
                throw new IllegalStateException("vault: the master key does not match the one this vault's secrets"
                        + " were sealed with (check CIAL_VAULT_KEY or master.key)");
            }
        });
    }
}
