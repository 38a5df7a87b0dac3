package io.cial.knowledge.impl;

import io.cial.knowledge.api.FileWrite;
import io.cial.knowledge.api.Knowledge;
import io.cial.knowledge.api.KnowledgeFileService;
import io.cial.knowledge.api.KnowledgeService;
import io.cial.knowledge.api.SkillEntry;
import io.cial.knowledge.api.SkillsService;
import io.cial.knowledge.api.TurnContext;
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

/** Turns the knowledge area's bus requests into service calls and their results into replies. */
public final class KnowledgeHandlers {

    private final Vertx vertx;
    private final KnowledgeService knowledges;
    private final KnowledgeFileService files;
    private final SkillsService skills;

    public KnowledgeHandlers(
            Vertx vertx, KnowledgeService knowledges, KnowledgeFileService files, SkillsService skills) {
        this.vertx = vertx;
        this.knowledges = knowledges;
        this.files = files;
        this.skills = skills;
    }

    public Future<ApiResponse> list(ApiRequest request) {
        return knowledges.list().map(all -> ApiResponse.ok(new JsonObject().put("knowledges", knowledgeArray(all))));
    }

    public Future<ApiResponse> create(ApiRequest request) {
        JsonObject body = request.body();
        return knowledges
                .create(body.getString("name"), body.getString("description"), body.getString("instructions"))
                .map(created -> ApiResponse.created(created.toJson()));
    }

    public Future<ApiResponse> get(ApiRequest request) {
        return knowledges.get(request.pathParam("name")).map(found -> ApiResponse.ok(found.toJson()));
    }

    public Future<ApiResponse> update(ApiRequest request) {
        JsonObject body = request.body();
        return knowledges
                .update(request.pathParam("name"), body.getString("description"), body.getString("instructions"))
                .map(updated -> ApiResponse.ok(updated.toJson()));
    }

    public Future<ApiResponse> delete(ApiRequest request) {
        return knowledges.delete(request.pathParam("name")).map(v -> ApiResponse.noContent());
    }

    public Future<ApiResponse> tree(ApiRequest request) {
        return files.tree(request.pathParam("name"), request.queryString("path", null))
                .map(tree -> ApiResponse.ok(tree.toJson()));
    }

    public Future<ApiResponse> readFile(ApiRequest request) {
        return files.open(request.pathParam("name"), requiredPath(request))
                .map(download -> ApiResponse.streamed(
                        FileStreams.serve(vertx, download.file()),
                        DownloadHeaders.forFile(download.fileName(), null, download.size())));
    }

    public Future<ApiResponse> writeFile(ApiRequest request) {
        JsonObject upload = request.upload();
        if (upload == null || upload.getString("stream") == null) {
            return Future.failedFuture(ApiException.validation("the file's bytes must come as a streamed body"));
        }
        return files.write(
                        request.pathParam("name"),
                        requiredPath(request),
                        upload.getString("stream"),
                        upload.getLong("contentLength", -1L))
                .map(KnowledgeHandlers::written);
    }

    public Future<ApiResponse> moveFile(ApiRequest request) {
        JsonObject body = request.body();
        return files.move(
                        request.pathParam("name"),
                        body.getString("from"),
                        body.getString("to"),
                        body.getBoolean("overwrite", false))
                .map(entry -> ApiResponse.ok(entry.toJson()));
    }

    public Future<ApiResponse> deleteFile(ApiRequest request) {
        return files.delete(request.pathParam("name"), requiredPath(request)).map(v -> ApiResponse.noContent());
    }

    public Future<ApiResponse> listSkills(ApiRequest request) {
        return skills.list().map(all -> ApiResponse.ok(new JsonObject().put("skills", skillArray(all))));
    }

    /** {@code knowledge.resolveForTurn}; payloads in {@link io.cial.protocol.KnowledgeActions}. */
    public Future<JsonObject> resolveForTurn(JsonObject request) {
        Object text = request.getValue("text");
        if (text != null && !(text instanceof String)) {
            return Future.failedFuture(ApiException.validation("'text' must be a string"));
        }
        return knowledges
                .resolveForTurn(names(request.getValue("names")), (String) text)
                .map(TurnContext::toJson);
    }

    private static List<String> names(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiException.validation("'names' must be a list of knowledge names");
        }
        List<String> names = new ArrayList<>();
        for (Object name : array) {
            if (!(name instanceof String text)) {
                throw ApiException.validation("'names' must hold strings only");
            }
            names.add(text);
        }
        return names;
    }

    private static String requiredPath(ApiRequest request) {
        String path = request.queryString("path", null);
        if (path == null) {
            throw ApiException.validation("query parameter 'path' is required");
        }
        return path;
    }

    private static ApiResponse written(FileWrite write) {
        return write.created()
                ? ApiResponse.created(write.entry().toJson())
                : ApiResponse.ok(write.entry().toJson());
    }

    private static JsonArray knowledgeArray(List<Knowledge> all) {
        JsonArray array = new JsonArray();
        all.forEach(knowledge -> array.add(knowledge.toJson()));
        return array;
    }

    private static JsonArray skillArray(List<SkillEntry> all) {
        JsonArray array = new JsonArray();
        all.forEach(entry -> array.add(entry.toJson()));
        return array;
    }
}
