package io.cial.sessions.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Null-tolerant reads of engine JSON, where any field may be missing, null or of an unexpected type. */
final class Json {

    private Json() {}

    static String str(JsonObject json, String key, String fallback) {
        return json.getValue(key) instanceof String s ? s : fallback;
    }

    static JsonObject obj(JsonObject json, String key) {
        return json.getValue(key) instanceof JsonObject o ? o : new JsonObject();
    }

    static boolean bool(JsonObject json, String key) {
        return Boolean.TRUE.equals(json.getValue(key));
    }

    static Number num(JsonObject json, String key) {
        return json.getValue(key) instanceof Number n ? n : null;
    }

    /** The JSON objects of an array value, skipping anything else. */
    static List<JsonObject> objects(Object value) {
        List<JsonObject> out = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (Object item : array) {
                if (item instanceof JsonObject object) {
                    out.add(object);
                }
            }
        }
        return out;
    }
}
