package io.cial.cli.http;

import io.cial.cli.CliException;
import io.cial.cli.CliSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call of one contract operation by its operationId: the method and path template come from the contract, the base
 * URL from the operation's listener (public, or the loopback self-edit listener), so no command repeats a path.
 */
public final class OperationCall {

    private final Operations.Op op;
    private final CliSettings settings;
    private final ApiClient client;
    private final Map<String, String> pathParams = new LinkedHashMap<>();
    private final ApiCall.Builder pending = new ApiCall.Builder();

    public OperationCall(Operations.Op op, CliSettings settings, ApiClient client) {
        this.op = op;
        this.settings = settings;
        this.client = client;
    }

    public Operations.Op op() {
        return op;
    }

    public OperationCall path(String name, String value) {
        pathParams.put(name, value);
        return this;
    }

    public OperationCall paths(Map<String, String> values) {
        pathParams.putAll(values);
        return this;
    }

    /** Adds a query parameter unless {@code value} is null. */
    public OperationCall query(String name, Object value) {
        pending.query(name, value);
        return this;
    }

    public OperationCall json(Object body) {
        if (!op.takesBody()) {
            throw CliException.usage("%s takes no request body", op.id());
        }
        pending.json(body);
        return this;
    }

    /** Sends a file as the body: raw when the operation accepts octet-stream, else as the multipart part "file". */
    public OperationCall file(Path file) {
        if (op.bodyTypes().contains("application/octet-stream")) {
            pending.file(file, ApiCall.FileMode.RAW);
        } else if (op.bodyTypes().contains("multipart/form-data")) {
            pending.file(file, ApiCall.FileMode.MULTIPART);
        } else {
            throw CliException.usage("%s takes %s, not a file", op.id(), op.bodyTypes());
        }
        return this;
    }

    public OperationCall saveTo(Path target) {
        pending.saveTo(target);
        return this;
    }

    /** Sends the call and waits (never on an event loop); an HTTP error becomes the {@link CliException}. */
    public ApiReply send() {
        ApiReply reply = sendAsync().await();
        if (!reply.ok()) {
            throw reply.failure();
        }
        return reply;
    }

    /** Sends the call; the reply may be an HTTP error. */
    public Future<ApiReply> sendAsync() {
        String base = op.loopback() ? settings.selfRestBase() : settings.restBase();
        return client.send(pending.build(op.method(), base + op.resolve(pathParams)));
    }

    /** Sends the call and returns its JSON object body. */
    public JsonObject object() {
        return send().jsonObject();
    }
}
