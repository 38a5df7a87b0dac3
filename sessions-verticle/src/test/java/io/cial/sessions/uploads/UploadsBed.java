package io.cial.sessions.uploads;

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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

/** An uploads area deployed on a test's Vert.x with its storage in a temporary folder, called over the bus. */
final class UploadsBed {

    static final Principal OWNER = Principal.owner(Principal.Kind.OWNER);
    static final Principal ALICE = new Principal("alice", Principal.Kind.EDGE, null);

    final Vertx vertx;
    final Path data;
    final Path storage;
    final Path outside;
    private final Path bodies;

    private UploadsBed(Vertx vertx, Path dir) throws IOException {
        this.vertx = vertx;
        this.data = Files.createDirectories(dir.resolve("data"));
        this.storage = data.resolve("uploads");
        this.outside = Files.createDirectories(dir.resolve("outside"));
        this.bodies = Files.createDirectories(dir.resolve("bodies"));
    }

    static UploadsBed start(Vertx vertx, Path dir, long maxFileBytes, long quotaBytes) throws IOException {
        UploadsBed bed = new UploadsBed(vertx, dir);
        JsonObject config = new JsonObject()
                .put(InstanceConfig.DATA_DIR, bed.data.toString())
                .put(UploadsConfig.MAX_FILE_BYTES, maxFileBytes)
                .put(UploadsConfig.QUOTA_BYTES, quotaBytes);
        vertx.deployVerticle(new UploadsVerticle(UploadsConfig.from(config))).await();
        return bed;
    }

    /** Uploads {@code bytes} as a gateway would hand over a streamed body. */
    ApiResponse upload(Principal who, String filename, String contentType, byte[] bytes, boolean declareLength) {
        JsonObject envelope = ApiRequest.envelope(who, null, null, new JsonObject())
                .put(
                        "upload",
                        new JsonObject()
                                .put("stream", serve(bytes))
                                .put("contentType", contentType)
                                .put("contentLength", declareLength ? bytes.length : -1)
                                .put("filename", filename));
        return call("uploadFile", envelope);
    }

    String uploadId(Principal who, String filename, byte[] bytes) {
        return ((JsonObject) upload(who, filename, null, bytes, true).body()).getString("id");
    }

    ApiResponse call(String action, Principal who, String uploadId, JsonObject query) {
        JsonObject path = uploadId == null ? null : new JsonObject().put("uploadId", uploadId);
        return call(action, ApiRequest.envelope(who, path, query, null));
    }

    ApiResponse call(String action, JsonObject envelope) {
        return ApiResponse.fromJson(request(action, envelope));
    }

    JsonObject internal(String action, JsonObject request) {
        return request(action, request);
    }

    private JsonObject request(String action, JsonObject body) {
        try {
            return vertx.eventBus()
                    .<JsonObject>request(
                            Addresses.UPLOADS, body, new DeliveryOptions().addHeader(Addresses.ACTION_HEADER, action))
                    .await()
                    .body();
        } catch (ReplyException e) {
            throw ApiException.fromJson(e.getMessage());
        }
    }

    /** Downloads an upload, returning the response and the bytes pulled from its stream. */
    Download download(Principal who, String uploadId) {
        ApiResponse response = call("downloadUpload", who, uploadId, null);
        Buffer body = Buffer.buffer();
        BusStreams.pull(vertx, response.stream(), new BufferSink(body)).await();
        return new Download(response.headers(), body);
    }

    record Download(JsonObject headers, Buffer body) {}

    ApiException failure(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(ApiException.class);
        return (ApiException) thrown;
    }

    static void assertCode(ApiException e, ErrorCode code) {
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    }

    /** Every regular file and link under the uploads storage, relative to it, without the database files. */
    java.util.List<String> storedFiles() {
        try (Stream<Path> all = Files.walk(storage)) {
            return all.filter(path -> !Files.isDirectory(path))
                    .map(path -> storage.relativize(path).toString())
                    .filter(name -> !name.startsWith(UploadFiles.DATABASE))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String serve(byte[] bytes) {
        try {
            Path source = Files.write(bodies.resolve(UUID.randomUUID().toString()), bytes);
            AsyncFile file = vertx.fileSystem()
                    .open(source.toString(), new OpenOptions().setRead(true))
                    .await();
            return BusStreams.serve(vertx, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
