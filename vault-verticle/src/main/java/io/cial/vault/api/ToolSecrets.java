package io.cial.vault.api;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Where the secrets of a tool's config live: an env tool's {@code value}, and the values of an MCP tool's {@code env}
 * and {@code headers} maps. Every place that seals, opens, masks or keeps a secret walks the config through here, so a
 * new secret field is added once.
 */
public final class ToolSecrets {

    /** Rewrites one secret; {@code path} names it ({@code value}, {@code env.NAME}, {@code headers.NAME}). */
    @FunctionalInterface
    public interface Rewrite {
        String apply(String path, String secret);
    }

    private static final String VALUE = "value";
    private static final List<String> MCP_SECRET_MAPS = List.of("env", "headers");

    private ToolSecrets() {}

    /** A copy of {@code config} with every secret replaced by {@code rewrite}'s answer; other fields are copied. */
    public static JsonObject rewrite(ToolKind kind, JsonObject config, Rewrite rewrite) {
        JsonObject copy = config.copy();
        if (kind == ToolKind.ENV && copy.getValue(VALUE) instanceof String secret) {
            copy.put(VALUE, rewrite.apply(VALUE, secret));
        }
        if (kind == ToolKind.MCP) {
            MCP_SECRET_MAPS.forEach(field -> rewriteMap(copy, field, rewrite));
        }
        return copy;
    }

    /** A copy of {@code config} with every secret masked. */
    public static JsonObject masked(ToolKind kind, JsonObject config) {
        return rewrite(kind, config, (path, secret) -> SecretMask.mask(secret));
    }

    /** The secret at {@code path} in {@code config}, or null. */
    public static String at(JsonObject config, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return config.getValue(path) instanceof String value ? value : null;
        }
        JsonObject map = config.getValue(path.substring(0, dot)) instanceof JsonObject object ? object : null;
        return map == null ? null : map.getValue(path.substring(dot + 1)) instanceof String v ? v : null;
    }

    private static void rewriteMap(JsonObject config, String field, Rewrite rewrite) {
        if (!(config.getValue(field) instanceof JsonObject map)) {
            return;
        }
        JsonObject rewritten = new JsonObject();
        for (Map.Entry<String, Object> entry : map) {
            String path = field + "." + entry.getKey();
            rewritten.put(
                    entry.getKey(),
                    entry.getValue() instanceof String secret ? rewrite.apply(path, secret) : entry.getValue());
        }
        config.put(field, rewritten);
    }
}
