package io.cial.selfedit.impl;

import io.cial.selfedit.api.Deploy;
import io.cial.selfedit.api.DeployStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The self-edit area's own SQLite database ({@code <dataDir>/selfedit/selfedit.db}, WAL): the deploy history, the
 * staged server builds and the UI versions. The files themselves live beside it; this only records them.
 */
public final class SelfEditStore {

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS deploys (id TEXT PRIMARY KEY, status TEXT NOT NULL,"
                    + " requested_by TEXT NOT NULL, started_at TEXT NOT NULL, duration_ms INTEGER NOT NULL DEFAULT 0,"
                    + " exit_code INTEGER NOT NULL DEFAULT -1, error_summary TEXT NOT NULL DEFAULT '',"
                    + " log_path TEXT NOT NULL, build_id TEXT, ui_version TEXT)",
            "CREATE TABLE IF NOT EXISTS builds (id TEXT PRIMARY KEY, artifact TEXT NOT NULL,"
                    + " created_at TEXT NOT NULL, known_good INTEGER NOT NULL DEFAULT 0)",
            "CREATE TABLE IF NOT EXISTS ui_builds (version TEXT PRIMARY KEY, status TEXT NOT NULL,"
                    + " created_at TEXT NOT NULL, reported_at TEXT, error TEXT)");

    private static final String DEPLOY_COLUMNS = "id, status, requested_by, started_at, duration_ms, exit_code,"
            + " error_summary, log_path, build_id, ui_version";

    private final Pool pool;

    private SelfEditStore(Pool pool) {
        this.pool = pool;
    }

    /** Opens (and creates) the database; every statement runs on the pool's worker threads. */
    public static Future<SelfEditStore> open(Vertx vertx, Path file) {
        String url = "jdbc:sqlite:" + file + "?journal_mode=WAL&busy_timeout=5000&synchronous=NORMAL";
        Pool pool = JDBCPool.pool(vertx, new JDBCConnectOptions().setJdbcUrl(url), new PoolOptions().setMaxSize(2));
        SelfEditStore store = new SelfEditStore(pool);
        Future<Void> created = Future.succeededFuture();
        for (String statement : SCHEMA) {
            created = created.compose(done -> pool.query(statement).execute().mapEmpty());
        }
        return created.map(store);
    }

    public Future<Void> close() {
        return pool.close();
    }

    /** The readiness probe: the database answers a query. */
    public Future<JsonObject> probe() {
        return pool.query("SELECT count(*) AS n FROM deploys").execute().map(rows -> new JsonObject()
                .put("status", "UP")
                .put("deploys", rows.iterator().next().getLong("n")));
    }

    // Deploys.

    public Future<Void> insertDeploy(Deploy deploy) {
        return pool.preparedQuery("INSERT INTO deploys (" + DEPLOY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .execute(Tuple.from(new Object[] {
                    deploy.deployId(),
                    deploy.status().wire(),
                    deploy.requestedBy(),
                    deploy.startedAt(),
                    deploy.durationMs(),
                    deploy.exitCode(),
                    deploy.errorSummary(),
                    deploy.logPath(),
                    deploy.buildId(),
                    deploy.uiVersion()
                }))
                .mapEmpty();
    }

    public Future<Void> updateDeploy(Deploy deploy) {
        return pool.preparedQuery("UPDATE deploys SET status = ?, duration_ms = ?, exit_code = ?, error_summary = ?,"
                        + " build_id = ?, ui_version = ? WHERE id = ?")
                .execute(Tuple.from(new Object[] {
                    deploy.status().wire(),
                    deploy.durationMs(),
                    deploy.exitCode(),
                    deploy.errorSummary(),
                    deploy.buildId(),
                    deploy.uiVersion(),
                    deploy.deployId()
                }))
                .mapEmpty();
    }

    /** The deploy, or null. */
    public Future<Deploy> deploy(String id) {
        return pool.preparedQuery("SELECT " + DEPLOY_COLUMNS + " FROM deploys WHERE id = ?")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : toDeploy(rows.iterator().next()));
    }

    public Future<List<Deploy>> deploys(int limit) {
        return pool.preparedQuery("SELECT " + DEPLOY_COLUMNS + " FROM deploys ORDER BY id DESC LIMIT ?")
                .execute(Tuple.of(limit))
                .map(SelfEditStore::toDeploys);
    }

    public Future<List<Deploy>> deploysIn(DeployStatus status) {
        return pool.preparedQuery("SELECT " + DEPLOY_COLUMNS + " FROM deploys WHERE status = ? ORDER BY id")
                .execute(Tuple.of(status.wire()))
                .map(SelfEditStore::toDeploys);
    }

    private static List<Deploy> toDeploys(RowSet<Row> rows) {
        List<Deploy> deploys = new ArrayList<>();
        rows.forEach(row -> deploys.add(toDeploy(row)));
        return deploys;
    }

    private static Deploy toDeploy(Row row) {
        return new Deploy(
                row.getString("id"),
                DeployStatus.fromWire(row.getString("status")),
                row.getString("requested_by"),
                row.getString("started_at"),
                row.getLong("duration_ms"),
                row.getInteger("exit_code"),
                row.getString("error_summary"),
                row.getString("log_path"),
                row.getString("build_id"),
                row.getString("ui_version"));
    }

    // Server builds.

    /** A staged server build. {@code artifact} is relative to the builds folder. */
    public record Build(String id, String artifact, String createdAt, boolean knownGood) {}

    public Future<Void> insertBuild(Build build) {
        return pool.preparedQuery("INSERT INTO builds (id, artifact, created_at, known_good) VALUES (?, ?, ?, ?)")
                .execute(Tuple.of(build.id(), build.artifact(), build.createdAt(), build.knownGood() ? 1 : 0))
                .mapEmpty();
    }

    public Future<Void> markKnownGood(String id) {
        return pool.preparedQuery("UPDATE builds SET known_good = 1 WHERE id = ?")
                .execute(Tuple.of(id))
                .mapEmpty();
    }

    /** Every staged build, newest first. */
    public Future<List<Build>> builds() {
        return pool.query("SELECT id, artifact, created_at, known_good FROM builds ORDER BY id DESC")
                .execute()
                .map(rows -> {
                    List<Build> builds = new ArrayList<>();
                    rows.forEach(row -> builds.add(new Build(
                            row.getString("id"),
                            row.getString("artifact"),
                            row.getString("created_at"),
                            row.getInteger("known_good") == 1)));
                    return builds;
                });
    }

    public Future<Void> deleteBuild(String id) {
        return pool.preparedQuery("DELETE FROM builds WHERE id = ?")
                .execute(Tuple.of(id))
                .mapEmpty();
    }

    // UI versions.

    /** A served UI version; {@code status} is {@code pending}, {@code good} or {@code bad}. */
    public record UiBuild(String version, String status, String createdAt, String reportedAt, String error) {}

    public Future<Void> insertUiBuild(UiBuild build) {
        return pool.preparedQuery("INSERT INTO ui_builds (version, status, created_at) VALUES (?, ?, ?)")
                .execute(Tuple.of(build.version(), build.status(), build.createdAt()))
                .mapEmpty();
    }

    /** Records a boot report; false when the version is unknown. */
    public Future<Boolean> reportUiBuild(String version, String status, String reportedAt, String error) {
        return pool.preparedQuery("UPDATE ui_builds SET status = ?, reported_at = ?, error = ? WHERE version = ?")
                .execute(Tuple.of(status, reportedAt, error, version))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Every UI version, newest first. */
    public Future<List<UiBuild>> uiBuilds() {
        return pool.query("SELECT version, status, created_at, reported_at, error FROM ui_builds ORDER BY version DESC")
                .execute()
                .map(rows -> {
                    List<UiBuild> builds = new ArrayList<>();
                    rows.forEach(row -> builds.add(new UiBuild(
                            row.getString("version"),
                            row.getString("status"),
                            row.getString("created_at"),
                            row.getString("reported_at"),
                            row.getString("error"))));
                    return builds;
                });
    }

    public Future<Void> deleteUiBuild(String version) {
        return pool.preparedQuery("DELETE FROM ui_builds WHERE version = ?")
                .execute(Tuple.of(version))
                .mapEmpty();
    }
}
