package io.cial.protocol;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Who is calling, as resolved by the gateway. Areas trust it because only the gateway puts requests on the bus.
 *
 * @param userId the owner-scoping key of every stored row
 * @param kind how the caller proved its identity
 * @param turnId for an agent token, the turn it was minted for; otherwise null
 */
public record Principal(String userId, Kind kind, String turnId) {

    /** The only user of a standalone instance. */
    public static final String OWNER_USER_ID = "owner";

    public enum Kind {
        /** The owner token, or its session cookie. */
        OWNER,
        /** A direct loopback connection without forwarding headers. */
        LOOPBACK,
        /** A user asserted by the managed edge. */
        EDGE,
        /** A per-turn agent token {@code cial_at_…}. */
        AGENT,
        /** Nobody verified: reaches only the operations the contract marks public ({@code security: [{}]}). */
        ANONYMOUS
    }

    /** The caller of a public operation who presented no identity. */
    public static final Principal ANONYMOUS = new Principal("anonymous", Kind.ANONYMOUS, null);

    public Principal {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
    }

    public static Principal owner(Kind kind) {
        return new Principal(OWNER_USER_ID, kind, null);
    }

    /** Whether the caller may pass the manage gate (see unmasked secrets). Agent tokens never may. */
    public boolean canManage() {
        return kind != Kind.AGENT && kind != Kind.ANONYMOUS;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("userId", userId).put("kind", kind.name());
        if (turnId != null) {
            json.put("turnId", turnId);
        }
        return json;
    }

    public static Principal fromJson(JsonObject json) {
        if (json == null) {
            throw ApiException.of(ErrorCode.UNAUTHENTICATED, "request carries no principal");
        }
        return new Principal(json.getString("userId"), Kind.valueOf(json.getString("kind")), json.getString("turnId"));
    }
}
