package io.cial.vault.impl;

import io.cial.protocol.ApiException;
import io.vertx.core.json.JsonObject;

/**
 * Typed reads of request-body fields. The gateway has already checked bodies against the contract, but a caller on
 * the bus may not have: a field of the wrong type is a validation error naming it, never a 500.
 */
final class Fields {

    private Fields() {}

    /** The string field, or null when absent or null. */
    static String string(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw ApiException.validation("%s must be a string", field);
    }

    static boolean bool(JsonObject body, String field, boolean fallback) {
        Object value = body.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw ApiException.validation("%s must be true or false", field);
    }

    /** The object field, or null when absent or null. */
    static JsonObject object(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        throw ApiException.validation("%s must be an object", field);
    }
}
