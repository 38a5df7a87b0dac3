package io.cial.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.BusStreams;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.InstanceConfig;
import io.cial.protocol.Principal;
import io.cial.protocol.testing.BufferSink;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A knowledge area deployed on a test's Vert.x with its storage in a temporary folder, called over the bus. */
final class KnowledgeBed {

    final Vertx vertx;
    final Path data;
    final Path workspace;
    final Path engineHome;
    final Path outside;

    private KnowledgeBed(Vertx vertx, Path dir) throws IOException {
        this.vertx = vertx;
        this.data = Files.createDirectories(dir.resolve("data"));
        this.workspace = Files.createDirectories(dir.resolve("workspace"));
        this.engineHome = Files.createDirectories(dir.resolve("home"));
        this.outside = Files.createDirectories(dir.resolve("outside"));
    }

    static KnowledgeBed start(Vertx vertx, Path dir, long maxFileBytes, long maxKnowledgeBytes) throws IOException {
        KnowledgeBed bed = new KnowledgeBed(vertx, dir);
        JsonObject config = new JsonObject()
                .put(InstanceConfig.DATA_DIR, bed.data.toString())
                .put(InstanceConfig.WORKSPACE, bed.workspace.toString())
                .put(InstanceConfig.SOURCE_DIR, dir.resolve("src").toString())
                .put(KnowledgeConfig.ENGINE_HOME, bed.engineHome.toString())
                .put(KnowledgeConfig.MAX_FILE_BYTES, maxFileBytes)
                .put(KnowledgeConfig.MAX_KNOWLEDGE_BYTES, maxKnowledgeBytes);
        vertx.deployVerticle(new KnowledgeVerticle(KnowledgeConfig.from(config)))
                .await();
        return bed;
    }

    /** The folder of a stored knowledge's files. */
    Path filesOf(String knowledge) {
        return data.resolve("knowledge/knowledges").resolve(knowledge).resolve("files");
    }

    ApiResponse call(String action, JsonObject path, JsonObject query, Object body) {
        JsonObject envelope = ApiRequest.envelope(Principal.owner(Principal.Kind.OWNER), path, query, body);
        return call(action, envelope);
    }

    ApiResponse call(String action, JsonObject envelope) {
        try {
            JsonObject reply = vertx.eventBus()
                    .<JsonObject>request(
                            Addresses.KNOWLEDGE,
                            envelope,
                            new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action))
                    .await()
                    .body();
            return ApiResponse.fromJson(reply);
        } catch (ReplyException e) {
            throw ApiException.fromJson(e.getMessage());
        }
    }

    JsonObject internal(String action, JsonObject request) {
        try {
            return vertx.eventBus()
                    .<JsonObject>request(
                            Addresses.KNOWLEDGE,
                            request,
                            new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action))
                    .await()
                    .body();
        } catch (ReplyException e) {
            throw ApiException.fromJson(e.getMessage());
        }
    }

    /** Calls an operation that must fail, and returns its failure. */
    ApiException failure(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(ApiException.class);
        return (ApiException) thrown;
    }

    static void assertCode(ApiException e, ErrorCode code) {
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    }

    JsonObject create(String name, String instructions) {
        return (JsonObject) call(
                        "createKnowledge",
                        null,
                        null,
                        new JsonObject()
                                .put("name", name)
                                .put("description", "about " + name)
                                .put("instructions", instructions))
                .body();
    }

    /** Writes a file through a streamed body, declaring its length when {@code declareLength}. */
    ApiResponse write(String knowledge, String path, byte[] bytes, boolean declareLength) throws IOException {
        String stream = serve(bytes);
        JsonObject envelope = ApiRequest.envelope(
                        Principal.owner(Principal.Kind.OWNER),
                        new JsonObject().put("name", knowledge),
                        new JsonObject().put("path", path),
                        null)
                .put(
                        "upload",
                        new JsonObject()
                                .put("stream", stream)
                                .put("contentType", "application/octet-stream")
                                .put("contentLength", declareLength ? bytes.length : -1));
        return call("writeKnowledgeFile", envelope);
    }

    ApiResponse write(String knowledge, String path, String text) throws IOException {
        return write(knowledge, path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
    }

    /** Serves bytes on the bus as a gateway would serve a request body. */
    String serve(byte[] bytes) throws IOException {
        Path source = Files.write(data.getParent().resolve("body-" + UUID.randomUUID()), bytes);
        AsyncFile file = vertx.fileSystem()
                .open(source.toString(), new OpenOptions().setRead(true))
                .await();
        return BusStreams.serve(vertx, file);
    }

    /** Reads a file through the streamed download, returning the response and its bytes. */
    Download read(String knowledge, String path) {
        ApiResponse response = call(
                "readKnowledgeFile", new JsonObject().put("name", knowledge), new JsonObject().put("path", path), null);
        Buffer body = Buffer.buffer();
        BusStreams.pull(vertx, response.stream(), new BufferSink(body)).await();
        return new Download(response, body);
    }

    record Download(ApiResponse response, Buffer body) {
        String text() {
            return body.toString();
        }
    }
}
