package io.cial.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one error-code scheme of the API. Every failure an area reports carries one of these codes; the gateway maps the
 * code to its HTTP status here and nowhere else. Codes are stable: clients match on them, so never rename one.
 */
public enum ErrorCode {
    VALIDATION_FAILED("validation_failed", 400),
    INVALID_PATH("invalid_path", 400),
    INVALID_FRAME("invalid_frame", 400),
    UNAUTHENTICATED("unauthenticated", 401),
    FORBIDDEN("forbidden", 403),
    MANAGE_REQUIRED("manage_required", 403),
    ORIGIN_NOT_ALLOWED("origin_not_allowed", 403),
    ROUTE_NOT_FOUND("route_not_found", 404),
    NOT_FOUND("not_found", 404),
    SESSION_NOT_FOUND("session_not_found", 404),
    TURN_NOT_FOUND("turn_not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    CONFLICT("conflict", 409),
    TURN_RUNNING("turn_running", 409),
    NO_TURN_RUNNING("no_turn_running", 409),
    TOO_LARGE("too_large", 413),
    URI_TOO_LONG("uri_too_long", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    NO_CREDENTIAL("no_credential", 422),
    HEADERS_TOO_LARGE("headers_too_large", 431),
    ENGINE_UNAVAILABLE("engine_unavailable", 503),
    INTERNAL("internal", 500),
    NOT_IMPLEMENTED("not_implemented", 501),
    UPSTREAM_FAILED("upstream_failed", 502),
    AREA_UNAVAILABLE("area_unavailable", 503),
    TIMEOUT("timeout", 504);

    private static final Map<String, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toMap(ErrorCode::code, Function.identity()));

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The stable string clients see in the {@code code} field. */
    public String code() {
        return code;
    }

    /** The HTTP status the gateway answers with. */
    public int status() {
        return status;
    }

    /** The code for a wire string, or {@link #INTERNAL} for a code this build does not know. */
    public static ErrorCode fromCode(String code) {
        return code == null ? INTERNAL : BY_CODE.getOrDefault(code, INTERNAL);
    }
}
