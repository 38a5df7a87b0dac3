package io.cial.vault.impl;

import io.cial.vault.api.Account;
import io.cial.vault.api.AccountKind;
import io.cial.vault.api.CredentialSource;
import io.cial.vault.api.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Model accounts and pending OAuth sign-ins in SQLite. One account per tier, owner and kind. Keys, tokens and PKCE
 * verifiers are sealed on a worker, each bound to its row's natural key and field.
 */
final class AccountStore {

    private static final String COLUMNS =
            "id, scope, owner_id, kind, secret, refresh_token, expires_at, created_at, updated_at";

    private final Vertx vertx;
    private final Pool pool;
    private final SecretBox box;

    AccountStore(Vertx vertx, Pool pool, SecretBox box) {
        this.vertx = vertx;
        this.pool = pool;
        this.box = box;
    }

    /** Sets the account of a tier, keeping its id and creation time when it already exists. */
    Future<Account> upsert(
            Scope scope, String ownerId, AccountKind kind, String secret, String refreshToken, Instant expiresAt) {
        String now = Instant.now().toString();
        return Blocking.run(vertx, () -> new String[] {
                    box.seal(secret, place(scope, ownerId, kind, "secret")),
                    refreshToken == null ? null : box.seal(refreshToken, place(scope, ownerId, kind, "refresh"))
                })
                .compose(ciphertext -> pool.preparedQuery("INSERT INTO accounts (" + COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (scope, owner_id, kind) DO UPDATE SET secret = excluded.secret,"
                                + " refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,"
                                + " updated_at = excluded.updated_at RETURNING " + COLUMNS)
                        .execute(Tuple.of(
                                Gate.newId("acct"),
                                scope.wire(),
                                ownerId,
                                kind.wire(),
                                ciphertext[0],
                                ciphertext[1],
                                expiresAt == null ? null : expiresAt.toEpochMilli(),
                                now,
                                now)))
                .compose(this::open)
                .map(accounts -> accounts.get(0));
    }

    /** The account, or null. */
    Future<Account> find(Scope scope, String ownerId, AccountKind kind) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM accounts WHERE scope = ? AND owner_id = ? AND kind = ?")
                .execute(Tuple.of(scope.wire(), ownerId, kind.wire()))
                .compose(this::open)
                .map(accounts -> accounts.isEmpty() ? null : accounts.get(0));
    }

    /** The user's own accounts, then the instance's. */
    Future<List<Account>> visibleTo(String userId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM accounts WHERE (scope = ? AND owner_id = ?) OR scope = ?"
                        + " ORDER BY CASE scope WHEN 'user' THEN 0 ELSE 1 END, kind")
                .execute(Tuple.of(Scope.USER.wire(), userId, Scope.INSTANCE.wire()))
                .compose(this::open);
    }

    Future<Boolean> delete(Scope scope, String ownerId, AccountKind kind) {
        return pool.preparedQuery("DELETE FROM accounts WHERE scope = ? AND owner_id = ? AND kind = ?")
                .execute(Tuple.of(scope.wire(), ownerId, kind.wire()))
                .map(rows -> rows.rowCount() > 0);
    }

    Future<Void> insertFlow(OAuthFlow flow) {
        return Blocking.run(vertx, () -> box.seal(flow.verifier(), flowPlace(flow.state())))
                .compose(ciphertext -> pool.preparedQuery(
                                "INSERT INTO oauth_flows (state, scope, owner_id, verifier, expires_at)"
                                        + " VALUES (?, ?, ?, ?, ?)")
                        .execute(Tuple.of(
                                flow.state(),
                                flow.scope().wire(),
                                flow.ownerId(),
                                ciphertext,
                                flow.expiresAt().toEpochMilli())))
                .mapEmpty();
    }

    /** Removes and returns the pending sign-in of {@code state}, or null: a state can be used once only. */
    Future<OAuthFlow> takeFlow(String state) {
        return pool.preparedQuery("DELETE FROM oauth_flows WHERE state = ?"
                        + " RETURNING state, scope, owner_id, verifier, expires_at")
                .execute(Tuple.of(state))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(null);
                    }
                    Row row = rows.iterator().next();
                    return Blocking.run(
                            vertx,
                            () -> new OAuthFlow(
                                    row.getString("state"),
                                    Scope.fromWire(row.getString("scope"), "scope"),
                                    row.getString("owner_id"),
                                    box.open(row.getString("verifier"), flowPlace(state)),
                                    Instant.ofEpochMilli(row.getLong("expires_at"))));
                });
    }

    /** Drops sign-ins that can no longer be completed. */
    Future<Void> purgeFlows(Instant now) {
        return pool.preparedQuery("DELETE FROM oauth_flows WHERE expires_at < ?")
                .execute(Tuple.of(now.toEpochMilli()))
                .mapEmpty();
    }

    private Future<List<Account>> open(RowSet<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEach(list::add);
        if (list.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return Blocking.run(vertx, () -> list.stream().map(this::openRow).toList());
    }

    private Account openRow(Row row) {
        Scope scope = Scope.fromWire(row.getString("scope"), "scope");
        String ownerId = row.getString("owner_id");
        AccountKind kind = AccountKind.fromWire(row.getString("kind"), "kind");
        String refresh = row.getString("refresh_token");
        Long expiresAt = row.getLong("expires_at");
        return new Account(
                row.getString("id"),
                CredentialSource.of(scope),
                ownerId,
                kind,
                box.open(row.getString("secret"), place(scope, ownerId, kind, "secret")),
                refresh == null ? null : box.open(refresh, place(scope, ownerId, kind, "refresh")),
                expiresAt == null ? null : Instant.ofEpochMilli(expiresAt),
                Instant.parse(row.getString("created_at")),
                Instant.parse(row.getString("updated_at")));
    }

    private static String place(Scope scope, String ownerId, AccountKind kind, String field) {
        return "account:" + scope.wire() + ":" + ownerId + ":" + kind.wire() + ":" + field;
    }

    private static String flowPlace(String state) {
        return "oauth_flow:" + state;
    }
}
