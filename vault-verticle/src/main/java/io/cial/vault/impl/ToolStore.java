package io.cial.vault.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.vault.api.Scope;
import io.cial.vault.api.Tool;
import io.cial.vault.api.ToolKind;
import io.cial.vault.api.ToolSecrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tools and per-session tool overrides in SQLite. Tools go in and come out with their secrets in clear; each secret is
 * sealed on its own (bound to the tool's id and the secret's field) on a worker before it is written, and opened on a
 * worker after it is read.
 */
final class ToolStore {

    private static final String COLUMNS =
            "id, scope, owner_id, kind, name, description, enabled, config, created_at, updated_at";

    private final Vertx vertx;
    private final Pool pool;
    private final SecretBox box;

    ToolStore(Vertx vertx, Pool pool, SecretBox box) {
        this.vertx = vertx;
        this.pool = pool;
        this.box = box;
    }

    /** @throws ApiException {@code conflict} when the tier already has a tool of that name */
    Future<Tool> insert(Tool tool) {
        return seal(tool)
                .compose(ciphertext -> pool.preparedQuery(
                                "INSERT INTO tools (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .execute(Tuple.of(
                                tool.id(),
                                tool.scope().wire(),
                                tool.ownerId(),
                                tool.kind().wire(),
                                tool.name(),
                                tool.description(),
                                tool.enabled() ? 1 : 0,
                                ciphertext,
                                tool.createdAt().toString(),
                                tool.updatedAt().toString())))
                .recover(failure -> Future.failedFuture(conflictOr(failure, tool)))
                .map(tool);
    }

    /** Rewrites every column but id, scope, owner and kind. @throws ApiException {@code conflict} on a taken name */
    Future<Tool> update(Tool tool) {
        return seal(tool)
                .compose(ciphertext -> pool.preparedQuery(
                                "UPDATE tools SET name = ?, description = ?, enabled = ?, config = ?, updated_at = ?"
                                        + " WHERE id = ?")
                        .execute(Tuple.of(
                                tool.name(),
                                tool.description(),
                                tool.enabled() ? 1 : 0,
                                ciphertext,
                                tool.updatedAt().toString(),
                                tool.id())))
                .recover(failure -> Future.failedFuture(conflictOr(failure, tool)))
                .map(tool);
    }

    /** The tool, or null. */
    Future<Tool> find(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM tools WHERE id = ?")
                .execute(Tuple.of(id))
                .compose(this::open)
                .map(tools -> tools.isEmpty() ? null : tools.get(0));
    }

    /** The user's own tools and the instance's, user tier first, each tier by name. */
    Future<List<Tool>> visibleTo(String userId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM tools WHERE (scope = ? AND owner_id = ?) OR scope = ?"
                        + " ORDER BY CASE scope WHEN 'user' THEN 0 ELSE 1 END, name")
                .execute(Tuple.of(Scope.USER.wire(), userId, Scope.INSTANCE.wire()))
                .compose(this::open);
    }

    /** Deletes the tool and, by cascade, its session overrides. */
    Future<Boolean> delete(String id) {
        return pool.preparedQuery("DELETE FROM tools WHERE id = ?")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The session's overrides: tool id to enabled. */
    Future<Map<String, Boolean>> overrides(String ownerId, String sessionId) {
        return pool.preparedQuery("SELECT tool_id, enabled FROM session_tools WHERE owner_id = ? AND session_id = ?")
                .execute(Tuple.of(ownerId, sessionId))
                .map(rows -> {
                    Map<String, Boolean> overrides = new LinkedHashMap<>();
                    rows.forEach(row -> overrides.put(row.getString("tool_id"), row.getInteger("enabled") != 0));
                    return overrides;
                });
    }

    /** Replaces the session's overrides in one transaction. */
    Future<Void> replaceOverrides(String ownerId, String sessionId, Map<String, Boolean> overrides) {
        List<Tuple> rows = new ArrayList<>();
        overrides.forEach((toolId, enabled) -> rows.add(Tuple.of(ownerId, sessionId, toolId, enabled ? 1 : 0)));
        return VaultDatabase.transaction(pool, connection -> connection
                .preparedQuery("DELETE FROM session_tools WHERE owner_id = ? AND session_id = ?")
                .execute(Tuple.of(ownerId, sessionId))
                .compose(deleted -> rows.isEmpty()
                        ? Future.succeededFuture()
                        : connection
                                .preparedQuery("INSERT INTO session_tools (owner_id, session_id, tool_id, enabled)"
                                        + " VALUES (?, ?, ?, ?)")
                                .executeBatch(rows))
                .<Void>mapEmpty());
    }

    /** Drops every override of a session; answers how many there were. */
    Future<Integer> forgetSession(String ownerId, String sessionId) {
        return pool.preparedQuery("DELETE FROM session_tools WHERE owner_id = ? AND session_id = ?")
                .execute(Tuple.of(ownerId, sessionId))
                .map(RowSet::rowCount);
    }

    private Future<String> seal(Tool tool) {
        return Blocking.run(vertx, () -> ToolSecrets.rewrite(
                        tool.kind(), tool.config(), (path, secret) -> box.seal(secret, place(tool.id(), path)))
                .encode());
    }

    private Future<List<Tool>> open(RowSet<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEach(list::add);
        if (list.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return Blocking.run(vertx, () -> list.stream().map(this::openRow).toList());
    }

    private Tool openRow(Row row) {
        String id = row.getString("id");
        ToolKind kind = ToolKind.fromWire(row.getString("kind"), "kind");
        JsonObject storedConfig = new JsonObject(row.getString("config"));
        return new Tool(
                id,
                Scope.fromWire(row.getString("scope"), "scope"),
                row.getString("owner_id"),
                kind,
                row.getString("name"),
                row.getString("description"),
                row.getInteger("enabled") != 0,
                ToolSecrets.rewrite(kind, storedConfig, (path, secret) -> box.open(secret, place(id, path))),
                Instant.parse(row.getString("created_at")),
                Instant.parse(row.getString("updated_at")));
    }

    private static String place(String toolId, String path) {
        return "tool:" + toolId + ":" + path;
    }

    private static Throwable conflictOr(Throwable failure, Tool tool) {
        if (!SqlErrors.isUniqueViolation(failure)) {
            return failure;
        }
        return ApiException.of(
                ErrorCode.CONFLICT,
                "a %s tool named '%s' already exists",
                tool.scope().wire(),
                tool.name());
    }
}
