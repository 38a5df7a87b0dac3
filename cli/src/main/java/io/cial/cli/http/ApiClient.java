package io.cial.cli.http;

import io.cial.cli.CliSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sends {@link ApiCall}s to the instance: the bearer token when there is one, the body as JSON or a streamed file,
 * downloads streamed to disk. A connection that cannot be made fails with {@link Failures#connection}; an HTTP error
 * is an {@link ApiReply} like any other, so the caller decides how to report it.
 */
public final class ApiClient {

    /** Connect timeout: a local instance answers at once, a dead one should not keep the user waiting. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

    private static final CopyOptions REPLACE = new CopyOptions().setReplaceExisting(true);

    private final Vertx vertx;
    private final CliSettings settings;
    private final WebClient web;
    private final HttpClient http;
    private volatile boolean dropToken;

    public ApiClient(Vertx vertx, CliSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout(DEFAULT_CONNECT_TIMEOUT_MS)
                .setUserAgent("cial-cli")
                .setDecompressionSupported(true);
        this.web = WebClient.create(vertx, options);
        this.http = vertx.createHttpClient(options);
    }

    /** The token to present, or null: none configured, or a token file the instance refused. */
    public String token() {
        return dropToken ? null : settings.token();
    }

    /** Sends the call; a token read from the owner token file and refused (401) is dropped and the call retried. */
    public Future<ApiReply> send(ApiCall call) {
        return attempt(call).compose(reply -> {
            if (reply.status() == 401 && settings.tokenSource() == CliSettings.TokenSource.FILE && !dropToken) {
                dropToken = true;
                return attempt(call);
            }
            return Future.succeededFuture(reply);
        });
    }

    private Future<ApiReply> attempt(ApiCall call) {
        Future<ApiReply> reply = call.saveTo() != null ? download(call) : exchange(call);
        return reply.recover(e -> Future.failedFuture(Failures.transport(e, settings.apiUrl())));
    }

    private Future<ApiReply> exchange(ApiCall call) {
        HttpRequest<Buffer> request = web.requestAbs(call.method(), call.url());
        call.queryParams().forEach(p -> request.addQueryParam(p.getKey(), p.getValue()));
        if (token() != null) {
            request.bearerTokenAuthentication(token());
        }
        return body(request, call).map(ApiClient::toReply);
    }

    private Future<HttpResponse<Buffer>> body(HttpRequest<Buffer> request, ApiCall call) {
        if (call.jsonBody() != null) {
            request.putHeader("Content-Type", "application/json");
            return request.sendBuffer(call.jsonBody());
        }
        if (call.file() == null) {
            return request.send();
        }
        String name = fileName(call.file());
        if (call.fileMode() == ApiCall.FileMode.MULTIPART) {
            return request.sendMultipartForm(MultipartForm.create()
                    .binaryFileUpload("file", name, call.file().toString(), "application/octet-stream"));
        }
        if (name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            // Header bytes are not UTF-8: other names go in a query parameter where an operation takes one.
            request.putHeader("X-Filename", name);
        }
        return vertx.fileSystem().props(call.file().toString()).compose(props -> vertx.fileSystem()
                .open(call.file().toString(), new OpenOptions().setRead(true).setWrite(false))
                .compose(file -> request.putHeader("Content-Type", "application/octet-stream")
                        .putHeader("Content-Length", String.valueOf(props.size()))
                        .sendStream(file)));
    }

    private static ApiReply toReply(HttpResponse<Buffer> response) {
        Buffer body = response.body() == null ? Buffer.buffer() : response.body();
        return new ApiReply(response.statusCode(), response.getHeader("Content-Type"), body, null, 0);
    }

    /**
     * Streams a response body into a temporary file beside the target, moved into place only on success, so a failed
     * download never leaves a partial file and an error body is still read as an error.
     */
    private Future<ApiReply> download(ApiCall call) {
        Path target = call.saveTo().toAbsolutePath();
        String partial = target + ".partial";
        RequestOptions options = new RequestOptions()
                .setMethod(call.method())
                .setAbsoluteURI(withQuery(call))
                .setFollowRedirects(true);
        if (token() != null) {
            options.putHeader("Authorization", "Bearer " + token());
        }
        return http.request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() >= 400
                        ? response.body().map(b -> new ApiReply(response.statusCode(), type(response), b, null, 0))
                        : saveBody(response, partial, target));
    }

    private Future<ApiReply> saveBody(HttpClientResponse response, String partial, Path target) {
        OpenOptions write = new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true);
        // Hold the body until the file is open; pipeTo resumes it.
        response.pause();
        return vertx.fileSystem()
                .open(partial, write)
                .compose(file -> pipe(response, file))
                .compose(v -> vertx.fileSystem().move(partial, target.toString(), REPLACE))
                .compose(v -> vertx.fileSystem().props(target.toString()))
                .map(props -> new ApiReply(response.statusCode(), type(response), null, target, props.size()))
                .recover(e -> vertx.fileSystem().delete(partial).transform(ignored -> Future.failedFuture(e)));
    }

    private static Future<Void> pipe(HttpClientResponse response, AsyncFile file) {
        // pipeTo closes the file when the body ends or fails.
        return response.pipeTo(file);
    }

    private static String type(HttpClientResponse response) {
        return response.getHeader("Content-Type");
    }

    private static String withQuery(ApiCall call) {
        StringBuilder url = new StringBuilder(call.url());
        char separator = call.url().contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : call.queryParams()) {
            url.append(separator).append(Paths.encode(p.getKey())).append('=').append(Paths.encode(p.getValue()));
            separator = '&';
        }
        return url.toString();
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? "upload" : name.toString();
    }

    public void close() {
        web.close();
        http.close();
    }
}
