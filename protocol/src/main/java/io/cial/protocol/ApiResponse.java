package io.cial.protocol;

import io.vertx.core.json.JsonObject;

/**
 * An area's successful answer: the HTTP status and the JSON body. Wire form {@code {"status": 200, "body": any}}.
 *
 * @param status the HTTP status the gateway answers with (200, 201, 202 or 204)
 * @param body a JsonObject, JsonArray or null for 204
 */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    public JsonObject toJson() {
        return new JsonObject().put("status", status).put("body", body);
    }

    public static ApiResponse fromJson(JsonObject json) {
        return new ApiResponse(json.getInteger("status", 200), json.getValue("body"));
    }
}
