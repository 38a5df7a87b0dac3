package io.cial.protocol;

import io.vertx.core.json.JsonObject;

/**
 * One validated API call as it travels on the bus from the gateway to an area: the operation, the caller, and the
 * already validated path parameters, query parameters and JSON body.
 *
 * <p>Wire form: {@code {"principal": {...}, "path": {...}, "query": {...}, "body": any, "headers": {...}}}, with the
 * operation in the {@link Addresses#ACTION_HEADER} message header.
 */
public final class ApiRequest {

    private final String action;
    private final JsonObject json;
    private final Principal principal;

    public ApiRequest(String action, JsonObject json) {
        this.action = action;
        this.json = json == null ? new JsonObject() : json;
        this.principal = Principal.fromJson(this.json.getJsonObject("principal"));
    }

    public static JsonObject envelope(Principal principal, JsonObject path, JsonObject query, Object body) {
        return new JsonObject()
                .put("principal", principal.toJson())
                .put("path", path == null ? new JsonObject() : path)
                .put("query", query == null ? new JsonObject() : query)
                .put("body", body);
    }

    public String action() {
        return action;
    }

    public Principal principal() {
        return principal;
    }

    public String userId() {
        return principal.userId();
    }

    public JsonObject path() {
        return json.getJsonObject("path", new JsonObject());
    }

    public JsonObject query() {
        return json.getJsonObject("query", new JsonObject());
    }

    /** The JSON object body, or an empty object when the operation has none. */
    public JsonObject body() {
        Object body = json.getValue("body");
        return body instanceof JsonObject object ? object : new JsonObject();
    }

    /** A path parameter that the contract declares required. */
    public String pathParam(String name) {
        String value = path().getString(name);
        if (value == null) {
            throw ApiException.validation("path parameter '%s' is missing", name);
        }
        return value;
    }

    public String queryString(String name, String fallback) {
        Object value = query().getValue(name);
        return value == null ? fallback : String.valueOf(value);
    }

    public long queryLong(String name, long fallback) {
        Object value = query().getValue(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw ApiException.validation("query parameter '%s' must be an integer", name);
        }
    }

    /**
     * For an operation whose body is streamed ({@code x-cial-stream: request} in the contract), the {@link BusStreams}
     * address to pull the body from, or null. The envelope's {@code upload} object also carries the declared {@code
     * contentType}, {@code contentLength} (-1 when unknown) and, for multipart, the part's {@code filename}.
     */
    public JsonObject upload() {
        return json.getJsonObject("upload");
    }

    public JsonObject toJson() {
        return json;
    }
}
