package io.cial.protocol;

import io.vertx.core.json.JsonObject;

/**
 * An expected failure of an API operation: a stable {@link ErrorCode} and a readable message that names the problem.
 * It carries no stack trace, since it reports a user's mistake or a known state, not a bug. Messages must never contain
 * a secret.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static ApiException of(ErrorCode code, String format, Object... args) {
        return new ApiException(code, args.length == 0 ? format : String.format(format, args));
    }

    public static ApiException validation(String format, Object... args) {
        return of(ErrorCode.VALIDATION_FAILED, format, args);
    }

    public static ApiException notFound(String format, Object... args) {
        return of(ErrorCode.NOT_FOUND, format, args);
    }

    public ErrorCode code() {
        return code;
    }

    /** The wire form: {@code {"error": message, "code": code}}. */
    public JsonObject toJson() {
        return new JsonObject().put("error", getMessage()).put("code", code.code());
    }

    /** Reads the wire form back; an unreadable body becomes an internal error with the raw text. */
    public static ApiException fromJson(String wire) {
        try {
            JsonObject json = new JsonObject(wire);
            return new ApiException(ErrorCode.fromCode(json.getString("code")), json.getString("error", "error"));
        } catch (RuntimeException e) {
            return new ApiException(ErrorCode.INTERNAL, wire == null ? "internal error" : wire);
        }
    }
}
