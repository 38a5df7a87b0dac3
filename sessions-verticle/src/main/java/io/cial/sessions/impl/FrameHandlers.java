package io.cial.sessions.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AreaDispatcher;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Frames;
import io.cial.sessions.api.Provider;
import io.cial.sessions.api.SessionsActions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The WebSocket client frames served on {@code cial.sessions}: {@code turn.start}, {@code turn.cancel} and {@code
 * ws.replay}. Frames do not pass the OpenAPI router, so their bodies are validated here, with the limits of the
 * contract's {@code TurnStart}; a missing or malformed field is {@code invalid_frame} with a message naming it.
 */
public final class FrameHandlers {

    static final int MAX_TEXT = 200_000;
    static final int MAX_NAME = 200;
    static final int MAX_KNOWLEDGES = 20;
    static final int MAX_ATTACHMENTS = 100;
    static final int MAX_ID = 64;
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final SessionsService service;

    public FrameHandlers(SessionsService service) {
        this.service = service;
    }

    public AreaDispatcher register(AreaDispatcher dispatcher) {
        return dispatcher
                .on(Frames.TURN_START, this::turnStart)
                .on(Frames.TURN_CANCEL, this::turnCancel)
                .on(Frames.ACTION_REPLAY, this::replay);
    }

    private Future<ApiResponse> turnStart(ApiRequest request) {
        JsonObject body = request.body();
        String sessionId = optionalSessionId(body);
        String text = string(body, "text", MAX_TEXT, true);
        if (text.isBlank()) {
            throw invalid("field 'text' must not be blank");
        }
        String provider = string(body, "provider", MAX_NAME, false);
        String model = string(body, "model", MAX_NAME, false);
        Provider parsed = provider == null ? null : Provider.parse(provider, ErrorCode.INVALID_FRAME, "provider");
        TurnRequest turn = new TurnRequest(
                text,
                parsed,
                model,
                strings(body, "knowledges", MAX_KNOWLEDGES),
                strings(body, "attachments", MAX_ATTACHMENTS));
        return service.startTurn(request.userId(), sessionId, turn).map(ApiResponse::accepted);
    }

    private Future<ApiResponse> turnCancel(ApiRequest request) {
        String sessionId = requiredSessionId(request.body());
        return service.cancelTurn(request.userId(), sessionId).map(ApiResponse::accepted);
    }

    private Future<ApiResponse> replay(ApiRequest request) {
        JsonObject body = request.body();
        String sessionId = requiredSessionId(body);
        long after = number(body, "after", 0, 0, Long.MAX_VALUE);
        long limit = number(body, "limit", SessionsActions.DEFAULT_EVENTS, 1, SessionsActions.MAX_EVENTS);
        return service.events(request.userId(), sessionId, after, (int) limit).map(ApiResponse::ok);
    }

    private static String requiredSessionId(JsonObject body) {
        String id = optionalSessionId(body);
        if (id == null) {
            throw invalid("field 'sessionId' is required");
        }
        return id;
    }

    private static String optionalSessionId(JsonObject body) {
        String id = string(body, "sessionId", 64, false);
        if (id != null && !SESSION_ID.matcher(id).matches()) {
            throw invalid("field 'sessionId' must be 1 to 64 letters, digits, '_' or '-'");
        }
        return id;
    }

    private static String string(JsonObject body, String field, int max, boolean required) {
        Object value = body.getValue(field);
        if (value == null) {
            if (required) {
                throw invalid("field '%s' is required", field);
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid("field '%s' must be a string", field);
        }
        if (s.length() > max) {
            throw invalid("field '%s' is longer than %d characters", field, max);
        }
        return s;
    }

    private static List<String> strings(JsonObject body, String field, int maxItems) {
        Object value = body.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > maxItems) {
            throw invalid("field '%s' must be a list of at most %d strings", field, maxItems);
        }
        List<String> out = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String s) || s.isEmpty() || s.length() > MAX_ID) {
                throw invalid("field '%s' must hold strings of 1 to %d characters", field, MAX_ID);
            }
            out.add(s);
        }
        return out;
    }

    private static long number(JsonObject body, String field, long fallback, long min, long max) {
        Object value = body.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue())) {
            throw invalid("field '%s' must be an integer", field);
        }
        if (n.longValue() < min || n.longValue() > max) {
            throw invalid("field '%s' must be between %d and %d", field, min, max);
        }
        return n.longValue();
    }

    private static ApiException invalid(String format, Object... args) {
        return ApiException.of(ErrorCode.INVALID_FRAME, format, args);
    }
}
