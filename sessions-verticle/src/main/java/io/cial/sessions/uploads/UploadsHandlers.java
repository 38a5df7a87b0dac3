package io.cial.sessions.uploads;

import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.DownloadHeaders;
import io.cial.protocol.FileStreams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Turns the uploads area's bus requests into service calls and their results into replies. */
final class UploadsHandlers {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    /** The most uploads one turn may attach. */
    static final int MAX_ATTACHMENTS = 100;

    private final Vertx vertx;
    private final UploadsService uploads;

    UploadsHandlers(Vertx vertx, UploadsService uploads) {
        this.vertx = vertx;
        this.uploads = uploads;
    }

    Future<ApiResponse> upload(ApiRequest request) {
        JsonObject upload = request.upload();
        if (upload == null || upload.getString("stream") == null) {
            return Future.failedFuture(ApiException.validation("the file must come as a streamed body"));
        }
        return uploads.upload(
                        request.userId(),
                        upload.getString("stream"),
                        upload.getLong("contentLength", -1L),
                        upload.getString("filename"),
                        upload.getString("contentType"))
                .map(stored -> ApiResponse.created(stored.toJson()));
    }

    Future<ApiResponse> list(ApiRequest request) {
        long limit = request.queryLong("limit", DEFAULT_PAGE);
        if (limit < 1 || limit > MAX_PAGE) {
            return Future.failedFuture(ApiException.validation("limit must be between 1 and %d", MAX_PAGE));
        }
        return uploads.list(request.userId(), (int) limit, request.queryString("cursor", null))
                .map(page -> {
                    JsonArray items = new JsonArray();
                    page.items().forEach(upload -> items.add(upload.toJson()));
                    return ApiResponse.ok(new JsonObject().put("items", items).put("nextCursor", page.nextCursor()));
                });
    }

    Future<ApiResponse> get(ApiRequest request) {
        return uploads.get(request.userId(), request.pathParam("uploadId"))
                .map(found -> ApiResponse.ok(found.toJson()));
    }

    Future<ApiResponse> download(ApiRequest request) {
        return uploads.open(request.userId(), request.pathParam("uploadId"))
                .map(download -> ApiResponse.streamed(
                        FileStreams.serve(vertx, download.file()),
                        DownloadHeaders.forFile(
                                download.upload().name(), download.upload().contentType(), download.size())));
    }

    Future<ApiResponse> delete(ApiRequest request) {
        return uploads.delete(request.userId(), request.pathParam("uploadId")).map(v -> ApiResponse.noContent());
    }

    /** {@code uploads.resolveForTurn}; payloads in {@link io.cial.protocol.UploadsActions}. */
    Future<JsonObject> resolveForTurn(JsonObject request) {
        String userId = request.getValue("userId") instanceof String text && !text.isBlank() ? text : null;
        if (userId == null) {
            return Future.failedFuture(ApiException.validation("'userId' is required"));
        }
        return uploads.resolve(userId, ids(request.getValue("ids"))).map(attachments -> {
            JsonArray items = new JsonArray();
            attachments.forEach(attachment -> items.add(
                    attachment.upload().toJson().put("path", attachment.path().toString())));
            return new JsonObject().put("attachments", items);
        });
    }

    private static List<String> ids(Object value) {
        if (!(value instanceof JsonArray array)) {
            throw ApiException.validation("'ids' must be a list of upload ids");
        }
        if (array.size() > MAX_ATTACHMENTS) {
            throw ApiException.validation("a turn may attach at most %d uploads", MAX_ATTACHMENTS);
        }
        List<String> ids = new ArrayList<>();
        for (Object id : array) {
            if (!(id instanceof String text)) {
                throw ApiException.validation("'ids' must hold strings only");
            }
            ids.add(text);
        }
        return ids;
    }
}
