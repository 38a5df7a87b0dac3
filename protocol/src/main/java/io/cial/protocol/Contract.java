package io.cial.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI 3.1 contract of the public API, assembled from one YAML fragment per area so that each area's operations
 * and schemas sit together. {@code openapi/cial.yaml} holds the document head and lists the fragments under {@code
 * x-cial-fragments}; each fragment declares the bus address of all its operations once, as {@code x-cial-address},
 * and the assembly copies it onto every operation so the gateway can forward by operation alone.
 */
public final class Contract {

    /** The operation extension naming the event-bus address that serves it. */
    public static final String ADDRESS_EXTENSION = "x-cial-address";
    /** The path prefix of every REST operation. */
    public static final String BASE_PATH = "/.cial/api/v1";

    /** The operation extension naming the listener that serves it: absent (public) or {@code loopback}. */
    public static final String LISTENER_EXTENSION = "x-cial-listener";
    /** The operation extension marking a streamed request body ({@code request}); see {@link BusStreams}. */
    public static final String STREAM_EXTENSION = "x-cial-stream";

    private static final String ROOT = "openapi/";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private Contract() {}

    /** Assembles the whole contract. Fails loudly on a duplicate path or schema, which would silently shadow one. */
    public static JsonObject load() {
        JsonObject document = readYaml(ROOT + "cial.yaml");
        JsonArray fragments = (JsonArray) document.remove("x-cial-fragments");
        JsonObject paths = document.getJsonObject("paths", new JsonObject());
        JsonObject components = document.getJsonObject("components");
        for (Object name : fragments) {
            merge(readYaml(ROOT + name), String.valueOf(name), paths, components);
        }
        document.put("paths", paths);
        return document;
    }

    private static void merge(JsonObject fragment, String name, JsonObject paths, JsonObject components) {
        String address = fragment.getString(ADDRESS_EXTENSION);
        JsonObject fragmentPaths = fragment.getJsonObject("paths", new JsonObject());
        for (String path : fragmentPaths.fieldNames()) {
            if (paths.containsKey(path)) {
                throw new IllegalStateException("path " + path + " of " + name + " is declared twice");
            }
            JsonObject item = fragmentPaths.getJsonObject(path);
            item.fieldNames().stream()
                    .filter(METHODS::contains)
                    .map(item::getJsonObject)
                    .filter(op -> address != null && !op.containsKey(ADDRESS_EXTENSION))
                    .forEach(op -> op.put(ADDRESS_EXTENSION, address));
            paths.put(path, item);
        }
        JsonObject fragmentComponents = fragment.getJsonObject("components", new JsonObject());
        for (String section : fragmentComponents.fieldNames()) {
            if (!components.containsKey(section)) {
                components.put(section, new JsonObject());
            }
            JsonObject target = components.getJsonObject(section);
            JsonObject source = fragmentComponents.getJsonObject(section);
            for (String key : source.fieldNames()) {
                if (target.containsKey(key)) {
                    throw new IllegalStateException(section + " " + key + " of " + name + " is declared twice");
                }
                target.put(key, source.getValue(key));
            }
        }
    }

    /**
     * The contract as served by the listener {@code listener} ({@code public} or {@code loopback}): only the paths
     * whose operations declare that listener ({@link #LISTENER_EXTENSION}, absent meaning public). The self-edit and
     * recovery operations exist only in the loopback view, so the public router has no route to them at all.
     */
    public static JsonObject forListener(JsonObject document, String listener) {
        JsonObject view = document.copy();
        JsonObject paths = view.getJsonObject("paths");
        for (String path : Set.copyOf(paths.fieldNames())) {
            JsonObject item = paths.getJsonObject(path);
            boolean keep = item.fieldNames().stream()
                    .filter(METHODS::contains)
                    .map(item::getJsonObject)
                    .allMatch(op -> listener.equals(op.getString(LISTENER_EXTENSION, "public")));
            if (!keep) {
                paths.remove(path);
            }
        }
        return view;
    }

    @SuppressWarnings("unchecked")
    private static JsonObject readYaml(String resource) {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("contract resource missing: " + resource);
            }
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            return new JsonObject((Map<String, Object>) yaml.load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation of the contract as (method, path, operation) triples, for tests and the CLI. */
    public static List<Operation> operations(JsonObject document) {
        JsonObject paths = document.getJsonObject("paths");
        return paths.fieldNames().stream()
                .flatMap(path -> {
                    JsonObject item = paths.getJsonObject(path);
                    return item.fieldNames().stream()
                            .filter(METHODS::contains)
                            .map(method -> new Operation(method, path, item.getJsonObject(method)));
                })
                .toList();
    }

    /** One operation of the contract. */
    public record Operation(String method, String path, JsonObject spec) {
        public String operationId() {
            return spec.getString("operationId");
        }

        public String address() {
            return spec.getString(ADDRESS_EXTENSION);
        }
    }
}
