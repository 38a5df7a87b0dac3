package io.cial.protocol;

import io.vertx.core.json.JsonObject;

/**
 * An area's successful answer. Wire form {@code {"status": 200, "body": any, "headers": {...}, "stream": address}}.
 *
 * @param status the HTTP status the gateway answers with: 200, 201, 202 or 204, or another status the operation's
 *     contract declares with a body of its own (readiness answers 503, a failed deploy 500)
 * @param body a JsonObject, JsonArray or null (204, or a streamed body)
 * @param headers extra response headers (e.g. Content-Type and Content-Disposition of a download), or null
 * @param stream for a download, the {@link BusStreams} address the gateway pulls the body from; otherwise null
 */
public record ApiResponse(int status, Object body, JsonObject headers, String stream) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, null, null);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body, null, null);
    }

    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body, null, null);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null, null);
    }

    /** A body served as a byte stream at {@code streamAddress}; {@code headers} must carry its Content-Type. */
    public static ApiResponse streamed(String streamAddress, JsonObject headers) {
        return new ApiResponse(200, null, headers, streamAddress);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("status", status).put("body", body);
        if (headers != null) {
            json.put("headers", headers);
        }
        if (stream != null) {
            json.put("stream", stream);
        }
        return json;
    }

    public static ApiResponse fromJson(JsonObject json) {
        return new ApiResponse(
                json.getInteger("status", 200),
                json.getValue("body"),
                json.getJsonObject("headers"),
                json.getString("stream"));
    }
}
