package io.cial.gateway.http;

import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.BusStreams;
import io.cial.protocol.Contract;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Routes for operations whose request body is streamed ({@code x-cial-stream: request}): the body is never buffered
 * by the gateway but served on the bus with {@link BusStreams}, so the area writes it to disk chunk by chunk and
 * enforces its own limits. The OpenAPI router cannot validate such a body without reading it whole, so this handler
 * checks the path parameters against their declared patterns itself.
 */
public final class StreamedRequests {

    private final Vertx vertx;
    private final Forwarder forwarder;

    public StreamedRequests(Vertx vertx, Forwarder forwarder) {
        this.vertx = vertx;
        this.forwarder = forwarder;
    }

    /** The Vert.x route path of a contract path: {@code /uploads/{id}} → {@code /uploads/:id}. */
    public static String routePath(String contractPath) {
        return Contract.BASE_PATH + contractPath.replaceAll("\\{([^}/]+)}", ":$1");
    }

    public Handler<RoutingContext> handler(Contract.Operation operation, JsonArray pathParameters) {
        return rc -> {
            JsonObject path = new JsonObject();
            for (Object parameter : pathParameters) {
                JsonObject spec = (JsonObject) parameter;
                String name = spec.getString("name");
                String value = rc.pathParam(name);
                checkPattern(
                        name,
                        value,
                        spec.getJsonObject("schema", new JsonObject()).getString("pattern"));
                path.put(name, value);
            }
            JsonObject query = new JsonObject();
            rc.queryParams().forEach((name, value) -> query.put(name, value));
            HttpServerRequest request = rc.request();
            String contentType = request.getHeader("Content-Type");
            if (contentType != null && contentType.toLowerCase().startsWith("multipart/form-data")) {
                multipart(rc, operation, path, query);
            } else {
                JsonObject upload = upload(request, contentType, fileName(rc));
                forward(rc, operation, path, query, new JsonObject(), upload, BusStreams.serve(vertx, request));
            }
        };
    }

    private void multipart(RoutingContext rc, Contract.Operation operation, JsonObject path, JsonObject query) {
        HttpServerRequest request = rc.request();
        request.setExpectMultipart(true);
        boolean[] seen = {false};
        request.uploadHandler(part -> {
            if (seen[0]) {
                // One file per request: later parts are drained, not stored.
                part.handler(chunk -> {});
                return;
            }
            seen[0] = true;
            JsonObject form = new JsonObject();
            request.formAttributes().forEach((name, value) -> form.put(name, value));
            forward(rc, operation, path, query, form, upload(request, part), BusStreams.serve(vertx, part));
        });
        request.endHandler(v -> {
            if (!seen[0]) {
                ErrorResponses.send(rc, ApiException.validation("the multipart body has no file part"));
            }
        });
    }

    private void forward(
            RoutingContext rc,
            Contract.Operation operation,
            JsonObject path,
            JsonObject query,
            JsonObject form,
            JsonObject upload,
            String stream) {
        JsonObject envelope = ApiRequest.envelope(rc.get(Forwarder.PRINCIPAL_KEY), path, query, form)
                .put("upload", upload.put("stream", stream));
        forwarder
                .send(operation.address(), operation.operationId(), envelope)
                .compose(reply -> forwarder.respond(rc, operation.operationId(), reply))
                .onFailure(e -> {
                    BusStreams.cancel(vertx, stream);
                    ErrorResponses.send(rc, e);
                });
    }

    private static JsonObject upload(HttpServerRequest request, String contentType, String fileName) {
        String length = request.getHeader("Content-Length");
        return new JsonObject()
                .put("contentType", contentType == null ? "application/octet-stream" : contentType)
                .put("contentLength", length == null ? -1L : parseLength(length))
                .put("filename", fileName);
    }

    private static JsonObject upload(HttpServerRequest request, HttpServerFileUpload part) {
        return new JsonObject()
                .put("contentType", part.contentType() == null ? "application/octet-stream" : part.contentType())
                .put("contentLength", -1L)
                .put("filename", part.filename())
                .put("requestLength", parseLength(request.getHeader("Content-Length")));
    }

    private static String fileName(RoutingContext rc) {
        String header = rc.request().getHeader("X-Filename");
        return header != null ? header : rc.queryParams().get("filename");
    }

    private static long parseLength(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void checkPattern(String name, String value, String pattern) {
        if (pattern != null && !Pattern.compile(pattern).matcher(value).find()) {
            throw ApiException.validation("path parameter '%s' does not match %s", name, pattern);
        }
    }
}
