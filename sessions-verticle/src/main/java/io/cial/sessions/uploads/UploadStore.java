package io.cial.sessions.uploads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The uploads' metadata in the area's own SQLite database (WAL), every row keyed by its owner. */
final class UploadStore {

    private static final String SCHEMA =
            """
            CREATE TABLE IF NOT EXISTS uploads (
              id TEXT PRIMARY KEY,
              owner TEXT NOT NULL,
              name TEXT NOT NULL,
              content_type TEXT NOT NULL,
              size INTEGER NOT NULL,
              stored TEXT NOT NULL,
              created_at INTEGER NOT NULL)""";
    private static final String INDEX =
            "CREATE INDEX IF NOT EXISTS uploads_by_owner ON uploads (owner, created_at DESC, id DESC)";
    private static final String COLUMNS = "id, owner, name, content_type, size, stored, created_at";
    /** One statement, so that two concurrent uploads can never both fit into the last free bytes of a quota. */
    private static final String INSERT_WITHIN_QUOTA = "INSERT INTO uploads (" + COLUMNS + ")"
            + " SELECT ?, ?, ?, ?, ?, ?, ?"
            + " WHERE (SELECT COALESCE(SUM(size), 0) FROM uploads WHERE owner = ?) + ? <= ?";

    private final Pool pool;

    private UploadStore(Pool pool) {
        this.pool = pool;
    }

    static Future<UploadStore> open(Vertx vertx, Path database) {
        String url = "jdbc:sqlite:" + database + "?journal_mode=WAL&busy_timeout=5000&synchronous=NORMAL";
        Pool pool = JDBCPool.pool(vertx, new JDBCConnectOptions().setJdbcUrl(url), new PoolOptions().setMaxSize(4));
        return pool.query(SCHEMA)
                .execute()
                .compose(v -> pool.query(INDEX).execute())
                .map(v -> new UploadStore(pool));
    }

    /** Inserts the upload if the owner's total stays within {@code quota}; false when it would not. */
    Future<Boolean> insertWithinQuota(Upload upload, long quota) {
        Tuple values = Tuple.of(
                        upload.id(),
                        upload.owner(),
                        upload.name(),
                        upload.contentType(),
                        upload.size(),
                        upload.stored(),
                        upload.createdAt().toEpochMilli())
                .addString(upload.owner())
                .addLong(upload.size())
                .addLong(quota);
        return pool.preparedQuery(INSERT_WITHIN_QUOTA).execute(values).map(rows -> rows.rowCount() == 1);
    }

    Future<Long> usage(String owner) {
        return pool.preparedQuery("SELECT COALESCE(SUM(size), 0) AS used FROM uploads WHERE owner = ?")
                .execute(Tuple.of(owner))
                .map(rows -> rows.iterator().next().getLong("used"));
    }

    /** The owner's upload with this id, or null: another owner's id is as unknown as a made-up one. */
    Future<Upload> find(String owner, String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM uploads WHERE owner = ? AND id = ?")
                .execute(Tuple.of(owner, id))
                .map(rows -> rows.size() == 0 ? null : upload(rows.iterator().next()));
    }

    /** Where a page ends: the last upload's creation time and id. */
    record Position(long createdAt, String id) {}

    /** A page of the owner's uploads, newest first, after {@code after} if given. */
    Future<List<Upload>> page(String owner, Position after, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM uploads WHERE owner = ?"
                + (after == null ? "" : " AND (created_at < ? OR (created_at = ? AND id < ?))")
                + " ORDER BY created_at DESC, id DESC LIMIT ?";
        Tuple args = Tuple.of(owner);
        if (after != null) {
            args.addLong(after.createdAt()).addLong(after.createdAt()).addString(after.id());
        }
        return pool.preparedQuery(sql).execute(args.addInteger(limit)).map(UploadStore::uploads);
    }

    /** Deletes the owner's upload; false when there was none. */
    Future<Boolean> delete(String owner, String id) {
        return pool.preparedQuery("DELETE FROM uploads WHERE owner = ? AND id = ?")
                .execute(Tuple.of(owner, id))
                .map(rows -> rows.rowCount() == 1);
    }

    Future<Void> close() {
        return pool.close();
    }

    private static List<Upload> uploads(RowSet<Row> rows) {
        List<Upload> all = new ArrayList<>();
        rows.forEach(row -> all.add(upload(row)));
        return all;
    }

    private static Upload upload(Row row) {
        return new Upload(
                row.getString("id"),
                row.getString("owner"),
                row.getString("name"),
                row.getString("content_type"),
                row.getLong("size"),
                row.getString("stored"),
                Instant.ofEpochMilli(row.getLong("created_at")));
    }
}
