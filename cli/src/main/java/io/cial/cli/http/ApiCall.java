package io.cial.cli.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request of the API: method, absolute URL (path parameters already in place), query parameters, and at most
 * one body (JSON, or a file sent raw or as a multipart part). When {@link #saveTo} is set, a successful response body
 * is streamed to that file instead of being held in memory.
 */
public final class ApiCall {

    /** How a file body is sent. */
    public enum FileMode {
        RAW,
        MULTIPART
    }

    private final HttpMethod method;
    private final String url;
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private Buffer json;
    private Path file;
    private FileMode fileMode;
    private Path saveTo;

    private ApiCall(HttpMethod method, String url) {
        this.method = method;
        this.url = url;
    }

    /** Collects query, body and target before the URL is known; {@link #build} makes the call. */
    public static final class Builder {
        private final List<Map.Entry<String, String>> query = new ArrayList<>();
        private Object json;
        private Path file;
        private FileMode fileMode;
        private Path saveTo;

        public Builder query(String name, Object value) {
            if (value != null) {
                query.add(Map.entry(name, String.valueOf(value)));
            }
            return this;
        }

        public Builder json(Object body) {
            this.json = body;
            return this;
        }

        public Builder file(Path file, FileMode mode) {
            this.file = file;
            this.fileMode = mode;
            return this;
        }

        public Builder saveTo(Path target) {
            this.saveTo = target;
            return this;
        }

        public ApiCall build(HttpMethod method, String url) {
            ApiCall call = new ApiCall(method, url);
            call.query.addAll(query);
            if (json != null) {
                call.json(json);
            }
            if (file != null) {
                call.file(file, fileMode);
            }
            return saveTo == null ? call : call.saveTo(saveTo);
        }
    }

    public static ApiCall of(HttpMethod method, String url) {
        return new ApiCall(method, url);
    }

    /** Adds a query parameter unless {@code value} is null. */
    public ApiCall query(String name, Object value) {
        if (value != null) {
            query.add(Map.entry(name, String.valueOf(value)));
        }
        return this;
    }

    /** A JSON body: a JsonObject, JsonArray or any value Jackson encodes. */
    public ApiCall json(Object body) {
        this.json = body instanceof Buffer buffer ? buffer : Json.encodeToBuffer(body);
        return this;
    }

    public ApiCall file(Path file, FileMode mode) {
        this.file = file;
        this.fileMode = mode;
        return this;
    }

    public ApiCall saveTo(Path target) {
        this.saveTo = target;
        return this;
    }

    public HttpMethod method() {
        return method;
    }

    public String url() {
        return url;
    }

    public List<Map.Entry<String, String>> queryParams() {
        return query;
    }

    public Buffer jsonBody() {
        return json;
    }

    public Path file() {
        return file;
    }

    public FileMode fileMode() {
        return fileMode;
    }

    public Path saveTo() {
        return saveTo;
    }
}
