package io.cial.sessions.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The normalized engine events carried by {@code turn.event} frames, one JSON object with a {@code kind}: {@code text}
 * ({@code text} is the delta), {@code thinking} ({@code text}), {@code tool_use} ({@code id}, {@code name}, {@code
 * input}), {@code tool_result} ({@code toolUseId}, {@code content}, {@code isError}), {@code result} ({@code usage},
 * {@code costUsd}, {@code durationMs}, {@code numTurns}, {@code isError}, {@code text}) or {@code error} ({@code
 * message}), {@code task} (a background task of the engine changed: {@code taskId}, {@code kind} shell, agent or
 * other, {@code description}, {@code status} running, completed, failed or killed, {@code toolUseId}, {@code
 * summary}, {@code outputFile}; absent fields did not change), or {@code init} (the engine started: {@code model},
 * {@code permissionMode}, {@code mcpServers} as {@code [{name, status}]}, e.g. status connected or failed). Any event
 * may carry {@value #TS}: when the engine wrote its line, in epoch microseconds (only engines asked to stamp do).
 */
public final class EngineEvents {

    public static final String KIND = "kind";
    public static final String TEXT = "text";
    public static final String THINKING = "thinking";
    public static final String TOOL_USE = "tool_use";
    public static final String TOOL_RESULT = "tool_result";
    public static final String RESULT = "result";
    public static final String ERROR = "error";
    public static final String TASK = "task";
    public static final String INIT = "init";
    public static final String TS = "ts";

    private EngineEvents() {}

    public static JsonObject text(String delta) {
        return new JsonObject().put(KIND, TEXT).put("text", delta);
    }

    public static JsonObject thinking(String text) {
        return new JsonObject().put(KIND, THINKING).put("text", text);
    }

    public static JsonObject toolUse(String id, String name, JsonObject input) {
        return new JsonObject()
                .put(KIND, TOOL_USE)
                .put("id", id)
                .put("name", name)
                .put("input", input);
    }

    public static JsonObject toolResult(String toolUseId, String content, boolean isError) {
        return new JsonObject()
                .put(KIND, TOOL_RESULT)
                .put("toolUseId", toolUseId)
                .put("content", content)
                .put("isError", isError);
    }

    public static JsonObject error(String message) {
        return new JsonObject().put(KIND, ERROR).put("message", message);
    }

    /** The engine's start: its model, permission mode and the state of each MCP server; null fields left out. */
    public static JsonObject init(String model, String permissionMode, JsonArray mcpServers) {
        JsonObject init = new JsonObject().put(KIND, INIT).put("mcpServers", mcpServers);
        putIfSet(init, "model", model);
        putIfSet(init, "permissionMode", permissionMode);
        return init;
    }

    /** A background task change; null fields are left out. */
    public static JsonObject task(String taskId, String kind, String description, String status, String toolUseId) {
        JsonObject task = new JsonObject().put(KIND, TASK).put("taskId", taskId);
        putIfSet(task, "taskKind", kind);
        putIfSet(task, "description", description);
        putIfSet(task, "status", status);
        putIfSet(task, "toolUseId", toolUseId);
        return task;
    }

    static void putIfSet(JsonObject json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    public static boolean is(JsonObject event, String kind) {
        return kind.equals(event.getString(KIND));
    }
}
