package io.cial.cli.http;

import io.cial.cli.CliException;
import io.cial.protocol.Contract;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every operation of the contract ({@link Contract#load()}) by operationId, with what the CLI needs to call it: the
 * method, the path template and its parameters, the request body media types, and whether it is served only on the
 * loopback self-edit listener. This is what lets {@code cial-cli api} cover the whole contract.
 */
public final class Operations {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    /** One parameter of an operation ({@code in} is path, query or header). */
    public record Param(String name, String in, boolean required, String description) {}

    /** One operation of the contract. */
    public record Op(
            String id,
            HttpMethod method,
            String path,
            String summary,
            boolean loopback,
            List<Param> params,
            Set<String> bodyTypes,
            boolean bodyRequired) {

        public List<Param> pathParams() {
            return params.stream().filter(p -> "path".equals(p.in())).toList();
        }

        public boolean takesBody() {
            return !bodyTypes.isEmpty();
        }

        public boolean takesJson() {
            return bodyTypes.stream().anyMatch(t -> t.contains("json"));
        }

        /**
         * The path with every {@code {name}} replaced by its percent-encoded value; fails {@link CliException#USAGE}
         * naming a missing or unknown parameter.
         */
        public String resolve(Map<String, String> values) {
            Set<String> names = new TreeSet<>();
            pathParams().forEach(p -> names.add(p.name()));
            for (String given : values.keySet()) {
                if (!names.contains(given)) {
                    throw CliException.usage(
                            "%s has no path parameter '%s' (it takes: %s)",
                            id, given, names.isEmpty() ? "none" : names);
                }
            }
            Matcher m = TEMPLATE.matcher(path);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw CliException.usage("%s needs --path %s=VALUE", id, m.group(1));
                }
                m.appendReplacement(out, Matcher.quoteReplacement(Paths.encode(value)));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    private final Map<String, Op> byId;

    private Operations(Map<String, Op> byId) {
        this.byId = byId;
    }

    public static Operations load() {
        return from(Contract.load());
    }

    public static Operations from(JsonObject document) {
        Map<String, Op> ops = new LinkedHashMap<>();
        Contract.operations(document).stream()
                .map(op -> toOp(document, op))
                .sorted(Comparator.comparing(Op::path)
                        .thenComparing(op -> op.method().name()))
                .forEach(op -> ops.put(op.id(), op));
        return new Operations(ops);
    }

    public List<Op> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Op> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The operation, or a usage failure that suggests the ids that look alike. */
    public Op require(String id) {
        return find(id).orElseThrow(() -> {
            List<String> similar = similar(id);
            String hint = similar.isEmpty() ? "" : "; did you mean " + String.join(", ", similar) + "?";
            return CliException.usage("unknown operation '%s'%s (cial-cli api --list shows every operation)", id, hint);
        });
    }

    private List<String> similar(String id) {
        String needle = id.toLowerCase(Locale.ROOT);
        return byId.keySet().stream()
                .filter(k -> {
                    String key = k.toLowerCase(Locale.ROOT);
                    return key.contains(needle) || needle.contains(key);
                })
                .limit(5)
                .toList();
    }

    private static Op toOp(JsonObject document, Contract.Operation op) {
        JsonObject item = document.getJsonObject("paths").getJsonObject(op.path());
        List<Param> params = new ArrayList<>();
        addParams(document, item.getJsonArray("parameters"), params);
        addParams(document, op.spec().getJsonArray("parameters"), params);
        JsonObject body = resolve(document, op.spec().getJsonObject("requestBody"));
        Set<String> bodyTypes = body == null
                ? Set.of()
                : new TreeSet<>(body.getJsonObject("content", new JsonObject()).fieldNames());
        boolean loopback = "loopback".equals(op.spec().getString(Contract.LISTENER_EXTENSION));
        return new Op(
                op.operationId(),
                HttpMethod.valueOf(op.method().toUpperCase(Locale.ROOT)),
                op.path(),
                op.spec().getString("summary", ""),
                loopback,
                List.copyOf(params),
                bodyTypes,
                body != null && body.getBoolean("required", false));
    }

    private static void addParams(JsonObject document, JsonArray declared, List<Param> into) {
        if (declared == null) {
            return;
        }
        for (Object raw : declared) {
            JsonObject p = resolve(document, (JsonObject) raw);
            // An operation-level parameter overrides the path item's parameter of the same name and location.
            into.removeIf(existing ->
                    existing.name().equals(p.getString("name")) && existing.in().equals(p.getString("in")));
            into.add(new Param(
                    p.getString("name"),
                    p.getString("in"),
                    p.getBoolean("required", false),
                    p.getString("description", "")));
        }
    }

    private static JsonObject resolve(JsonObject document, JsonObject node) {
        if (node == null || !node.containsKey("$ref")) {
            return node;
        }
        JsonObject target = document;
        for (String part : node.getString("$ref").substring(2).split("/")) {
            target = target.getJsonObject(part);
        }
        return resolve(document, target);
    }
}
