package io.cial.gateway.http;

import io.cial.gateway.GatewayConfig;
import io.cial.protocol.ApiException;
import io.cial.protocol.Contract;
import io.cial.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Builds the REST routes of the public listener from the contract: every operation validated by the OpenAPI router
 * and forwarded to the bus address the contract names; streamed-body operations routed around the validator; the
 * contract itself served as JSON and YAML. Nothing here names an area operation.
 */
public final class ApiRouter {

    private final Vertx vertx;
    private final GatewayConfig config;
    private final JsonObject document;
    private final Map<String, Contract.Operation> operations;

    private ApiRouter(Vertx vertx, GatewayConfig config, JsonObject document) {
        this.vertx = vertx;
        this.config = config;
        this.document = document;
        this.operations = Contract.operations(document).stream()
                .collect(Collectors.toMap(Contract.Operation::operationId, Function.identity()));
    }

    /** The public view of the contract, as served and enforced on the public listener. */
    public static JsonObject publicDocument() {
        return Contract.forListener(Contract.load(), "public");
    }

    /**
     * Mounts the API on {@code root}: streamed operations first, then the validating router under the base path.
     *
     * @return the public paths that need no authentication (operations declaring {@code security: [{}]})
     */
    public static Future<Set<String>> mount(Vertx vertx, GatewayConfig config, JsonObject document, Router root) {
        ApiRouter api = new ApiRouter(vertx, config, document);
        return OpenAPIContract.from(vertx, document.copy()).map(contract -> api.mount(contract, root));
    }

    private Set<String> mount(OpenAPIContract contract, Router root) {
        ResponseValidator validator = config.validateResponses() ? ResponseValidator.create(vertx, contract) : null;
        Forwarder forwarder = new Forwarder(vertx, config, validator);
        StreamedRequests streamed = new StreamedRequests(vertx, forwarder);
        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
                .rootHandler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        for (OpenAPIRoute route : builder.getRoutes()) {
            Contract.Operation operation = operations.get(route.getOperation().getOperationId());
            // Identity is resolved for every request before routing (GatewayVerticle); the contract only documents it.
            route.setDoSecurity(false);
            String routePath = StreamedRequests.routePath(operation.path());
            if (isStreamed(operation)) {
                root.route(route.getOperation().getHttpMethod(), routePath)
                        .handler(streamed.handler(operation, pathParameters(operation)));
            } else if (!stringQueryParameters(operation).isEmpty()) {
                root.route(route.getOperation().getHttpMethod(), routePath)
                        .handler(new StringQueryValues(stringQueryParameters(operation)));
            }
            route.addHandler(handlerFor(operation, forwarder));
        }
        root.route(Contract.BASE_PATH + "/*").subRouter(builder.createRouter());
        return publicPaths();
    }

    private Handler<RoutingContext> handlerFor(Contract.Operation operation, Forwarder forwarder) {
        if (operation.address() != null) {
            return forwarder.forOperation(operation.operationId(), operation.address());
        }
        return switch (operation.operationId()) {
            case "getOpenApiJson" -> rc -> rc.json(document);
            case "getOpenApiYaml" -> {
                String yaml = toYaml(document);
                yield rc -> rc.response()
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end(yaml);
            }
            default -> rc -> ErrorResponses.send(
                    rc, ApiException.of(ErrorCode.NOT_IMPLEMENTED, "%s is not served", operation.operationId()));
        };
    }

    private static boolean isStreamed(Contract.Operation operation) {
        return "request".equals(operation.spec().getString(Contract.STREAM_EXTENSION));
    }

    /** Path parameters of an operation, declared on the operation or on its path item, with $refs resolved. */
    private JsonArray pathParameters(Contract.Operation operation) {
        return parameters(operation, "path");
    }

    /** Names of the operation's query parameters whose schema type is string. */
    private Set<String> stringQueryParameters(Contract.Operation operation) {
        Set<String> names = new HashSet<>();
        for (Object parameter : parameters(operation, "query")) {
            JsonObject spec = (JsonObject) parameter;
            JsonObject schema = spec.getJsonObject("schema", new JsonObject());
            if ("string".equals(resolve(schema).getValue("type"))) {
                names.add(spec.getString("name"));
            }
        }
        return names;
    }

    /** The operation's parameters in {@code location}, declared on it or on its path item, with $refs resolved. */
    private JsonArray parameters(Contract.Operation operation, String location) {
        JsonArray all = new JsonArray();
        JsonObject item = document.getJsonObject("paths").getJsonObject(operation.path());
        item.getJsonArray("parameters", new JsonArray()).forEach(all::add);
        operation.spec().getJsonArray("parameters", new JsonArray()).forEach(all::add);
        JsonArray resolved = new JsonArray();
        for (Object parameter : all) {
            JsonObject spec = resolve((JsonObject) parameter);
            if (location.equals(spec.getString("in"))) {
                resolved.add(spec);
            }
        }
        return resolved;
    }

    private JsonObject resolve(JsonObject spec) {
        String ref = spec.getString("$ref");
        if (ref == null) {
            return spec;
        }
        JsonObject node = document;
        for (String part : ref.substring(2).split("/")) {
            node = node.getJsonObject(part);
        }
        return node;
    }

    private Set<String> publicPaths() {
        Set<String> paths = new HashSet<>();
        for (Contract.Operation operation : operations.values()) {
            JsonArray security = operation.spec().getJsonArray("security");
            boolean anonymous = security != null
                    && security.size() == 1
                    && security.getJsonObject(0).isEmpty();
            if (anonymous && !operation.path().contains("{")) {
                paths.add(Contract.BASE_PATH + operation.path());
            }
        }
        return paths;
    }

    private static String toYaml(JsonObject document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        // Re-decoded so that the dumper sees plain maps and lists, not JsonObject wrappers.
        return new Yaml(options).dump(new JsonObject(document.encode()).getMap());
    }
}
