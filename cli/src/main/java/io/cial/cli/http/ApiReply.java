package io.cial.cli.http;

import io.cial.cli.CliException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A response of the API. {@code body} is null when the body was streamed to {@code savedTo}; an error body is always
 * held so that its {@code {"error","code"}} can be reported.
 */
public record ApiReply(int status, String contentType, Buffer body, Path savedTo, long savedBytes) {

    public boolean ok() {
        return status < 400;
    }

    public boolean isJson() {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    /** Textual bodies (JSON, text/*, YAML, XML) can be printed; anything else must be saved with {@code -o}. */
    public boolean isText() {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return isJson() || type.startsWith("text/") || type.contains("yaml") || type.contains("xml");
    }

    /** The JSON body as an object; fails {@link CliException#FAILURE} when the API answered something else. */
    public JsonObject jsonObject() {
        Object value = decode();
        if (value instanceof JsonObject object) {
            return object;
        }
        throw CliException.failure("expected a JSON object from the API, got: %s", abbreviate(bodyText()));
    }

    /** The JSON body decoded (JsonObject, JsonArray or a scalar), or null when there is none. */
    public Object decode() {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return Json.decodeValue(body);
        } catch (DecodeException e) {
            throw CliException.failure("the API answered invalid JSON: %s", abbreviate(bodyText()));
        }
    }

    public String bodyText() {
        return body == null ? "" : body.toString();
    }

    /** The failure this reply stands for, in the form {@code <error> (<code>)} when the API said so. */
    public CliException failure() {
        try {
            Object value = body == null ? null : Json.decodeValue(body);
            if (value instanceof JsonObject error && error.getValue("error") instanceof String message) {
                String code = error.getString("code");
                return new CliException(CliException.FAILURE, code == null ? message : message + " (" + code + ")");
            }
        } catch (DecodeException notJson) {
            // Fall through: report the status and the start of the raw body.
        }
        String text = abbreviate(bodyText().strip());
        return CliException.failure("HTTP %d%s", status, text.isEmpty() ? "" : ": " + text);
    }

    private static String abbreviate(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
