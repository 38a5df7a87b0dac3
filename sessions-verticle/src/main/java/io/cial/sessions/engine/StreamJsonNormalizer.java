package io.cial.sessions.engine;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the Claude Code CLI's {@code --output-format stream-json} lines into normalized events, one line at a time.
 * Lines are parsed as JSON (key order is not stable), dispatched on {@code type}, and unknown types are ignored, so a
 * new line type is one more case in {@link #accept}.
 *
 * <p>Text comes from {@code stream_event} text deltas when the CLI streams ({@code --include-partial-messages}); the
 * {@code assistant} line that repeats a streamed message is then skipped for text and thinking, so nothing is counted
 * twice. A message that was not streamed (the non-streaming fallback, synthetic API error messages, runs without
 * partial messages) yields its text from the {@code assistant} line. Consecutive text blocks are separated by a blank
 * line, so the concatenated deltas equal the stored assistant text. Tool uses always come from {@code assistant} lines,
 * whose input is complete.
 *
 * <p>Lines a sub-agent writes (those with a {@code parent_tool_use_id}) are its own conversation, not the answer, and
 * yield nothing; the sub-agent itself is followed as a background task through the CLI's {@code system/task_*} lines,
 * which become {@code task} events.
 *
 * <p>The normalizer keeps state across lines (which messages streamed, whether text was emitted), so one instance
 * serves exactly one turn, fed every line of the turn's log in order.
 */
public final class StreamJsonNormalizer {

    /** Tool result content longer than this is cut, keeping its head. */
    public static final int MAX_TOOL_RESULT_CHARS = 4000;
    /** A non-JSON line reported as an error is cut to this length. */
    public static final int MAX_ERROR_CHARS = 2000;

    /**
     * A line field with the wall-clock time the engine wrote the line, in epoch microseconds (the demo engine adds it
     * when asked, for latency measurements); it is carried to the line's events as {@link EngineEvents#TS}.
     */
    public static final String WRITTEN_AT = "cial_ts";

    private static final String BLOCK_SEPARATOR = "\n\n";

    private final Set<String> streamedMessages = new HashSet<>();
    private boolean hasText;
    private boolean separatorPending;
    private boolean errorEmitted;

    /** The events of one line (without its newline). */
    public NormalizedLine accept(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return NormalizedLine.NOTHING;
        }
        JsonObject json;
        try {
            json = new JsonObject(trimmed);
        } catch (DecodeException | ClassCastException e) {
            return nonJson(trimmed);
        }
        if (json.getValue("parent_tool_use_id") != null) {
            return NormalizedLine.NOTHING;
        }
        NormalizedLine normalized =
                switch (Json.str(json, "type", "")) {
                    case "system" -> system(json);
                    case "stream_event" -> events(streamEvent(Json.obj(json, "event")));
                    case "assistant" -> events(assistant(json));
                    case "user" -> events(user(json));
                    case "result" -> events(result(json));
                    default -> NormalizedLine.NOTHING;
                };
        if (json.getValue(WRITTEN_AT) instanceof Number micros) {
            normalized.events().forEach(event -> event.put(EngineEvents.TS, micros.longValue()));
        }
        return normalized;
    }

    /** Whether an error event was emitted so far in this turn. */
    public boolean errorEmitted() {
        return errorEmitted;
    }

    private NormalizedLine nonJson(String line) {
        errorEmitted = true;
        return events(List.of(EngineEvents.error(cut(line, MAX_ERROR_CHARS))));
    }

    private static NormalizedLine system(JsonObject json) {
        return switch (Json.str(json, "subtype", "")) {
            case "init" -> new NormalizedLine(List.of(init(json)), Json.str(json, "session_id", null));
            case "task_started" -> events(List.of(EngineEvents.task(
                    Json.str(json, "task_id", null),
                    taskKind(Json.str(json, "task_type", null)),
                    Json.str(json, "description", null),
                    "running",
                    Json.str(json, "tool_use_id", null))));
            case "task_updated" -> events(List.of(EngineEvents.task(
                    Json.str(json, "task_id", null),
                    null,
                    null,
                    taskStatus(Json.str(Json.obj(json, "patch"), "status", null)),
                    null)));
            case "task_notification" -> events(List.of(taskNotification(json)));
            default -> NormalizedLine.NOTHING;
        };
    }

    /** Only each MCP server's name and status: the init line's other fields describe the CLI, not the turn. */
    private static JsonObject init(JsonObject json) {
        JsonArray servers = new JsonArray();
        Object raw = json.getValue("mcp_servers");
        if (raw instanceof JsonArray list) {
            list.stream()
                    .filter(JsonObject.class::isInstance)
                    .map(JsonObject.class::cast)
                    .forEach(server -> servers.add(new JsonObject()
                            .put("name", Json.str(server, "name", ""))
                            .put("status", Json.str(server, "status", "unknown"))));
        }
        return EngineEvents.init(Json.str(json, "model", null), Json.str(json, "permissionMode", null), servers);
    }

    private static JsonObject taskNotification(JsonObject json) {
        JsonObject task = EngineEvents.task(
                Json.str(json, "task_id", null),
                null,
                null,
                taskStatus(Json.str(json, "status", null)),
                Json.str(json, "tool_use_id", null));
        EngineEvents.putIfSet(task, "summary", Json.str(json, "summary", null));
        EngineEvents.putIfSet(task, "outputFile", Json.str(json, "output_file", null));
        return task;
    }

    /** The CLI's task types: local_bash is a background shell, local_agent a sub-agent. */
    private static String taskKind(String type) {
        if (type == null) {
            return "other";
        }
        return switch (type) {
            case "local_bash" -> "shell";
            case "local_agent" -> "agent";
            default -> "other";
        };
    }

    private static String taskStatus(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "running", "pending" -> "running";
            case "completed" -> "completed";
            case "killed", "stopped", "cancelled" -> "killed";
            default -> "failed";
        };
    }

    private List<JsonObject> streamEvent(JsonObject event) {
        switch (Json.str(event, "type", "")) {
            case "message_start" -> {
                JsonObject message = Json.obj(event, "message");
                if (Json.str(message, "id", null) != null) {
                    streamedMessages.add(Json.str(message, "id", null));
                }
            }
            case "content_block_start" -> {
                JsonObject block = Json.obj(event, "content_block");
                if ("text".equals(Json.str(block, "type", null))) {
                    separatorPending = hasText;
                }
            }
            case "content_block_delta" -> {
                return delta(Json.obj(event, "delta"));
            }
            default -> {}
        }
        return List.of();
    }

    private List<JsonObject> delta(JsonObject delta) {
        switch (Json.str(delta, "type", "")) {
            case "text_delta" -> {
                return text(Json.str(delta, "text", ""));
            }
            case "thinking_delta" -> {
                String thinking = Json.str(delta, "thinking", "");
                return thinking.isEmpty() ? List.of() : List.of(EngineEvents.thinking(thinking));
            }
            default -> {
                return List.of();
            }
        }
    }

    private List<JsonObject> text(String delta) {
        if (delta.isEmpty()) {
            return List.of();
        }
        String out = separatorPending ? BLOCK_SEPARATOR + delta : delta;
        separatorPending = false;
        hasText = true;
        return List.of(EngineEvents.text(out));
    }

    private List<JsonObject> assistant(JsonObject json) {
        JsonObject message = Json.obj(json, "message");
        boolean streamed = streamedMessages.contains(Json.str(message, "id", ""));
        boolean apiError = json.getValue("error") != null || Json.bool(json, "is_api_error_message");
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject block : Json.objects(message.getValue("content"))) {
            switch (Json.str(block, "type", "")) {
                case "text" -> out.addAll(assistantText(Json.str(block, "text", ""), streamed, apiError));
                case "thinking" -> {
                    if (!streamed && !Json.str(block, "thinking", "").isEmpty()) {
                        out.add(EngineEvents.thinking(Json.str(block, "thinking", "")));
                    }
                }
                case "tool_use" -> out.add(EngineEvents.toolUse(
                        Json.str(block, "id", null), Json.str(block, "name", null), Json.obj(block, "input")));
                default -> {}
            }
        }
        return out;
    }

    private List<JsonObject> assistantText(String text, boolean streamed, boolean apiError) {
        if (apiError) {
            errorEmitted = true;
            return List.of(EngineEvents.error(text));
        }
        if (streamed) {
            return List.of();
        }
        separatorPending = hasText;
        return text(text);
    }

    private static List<JsonObject> user(JsonObject json) {
        JsonObject message = Json.obj(json, "message");
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject block : Json.objects(message.getValue("content"))) {
            if ("tool_result".equals(Json.str(block, "type", null))) {
                out.add(EngineEvents.toolResult(
                        Json.str(block, "tool_use_id", null),
                        cut(contentText(block.getValue("content")).strip(), MAX_TOOL_RESULT_CHARS),
                        Json.bool(block, "is_error")));
            }
        }
        return out;
    }

    private List<JsonObject> result(JsonObject json) {
        boolean isError = Json.bool(json, "is_error");
        Object text = json.getValue("result");
        List<JsonObject> out = new ArrayList<>();
        if (isError && !errorEmitted) {
            errorEmitted = true;
            out.add(EngineEvents.error(resultError(json, text)));
        }
        out.add(new JsonObject()
                .put(EngineEvents.KIND, EngineEvents.RESULT)
                .put("usage", usage(Json.obj(json, "usage")))
                .put("costUsd", json.getValue("total_cost_usd") instanceof Number n ? n.doubleValue() : null)
                .put("durationMs", json.getValue("duration_ms") instanceof Number n ? n.longValue() : null)
                .put("numTurns", json.getValue("num_turns") instanceof Number n ? n.intValue() : null)
                .put("isError", isError)
                .put("text", text instanceof String s ? s : null));
        return out;
    }

    private static String resultError(JsonObject json, Object text) {
        if (text instanceof String s && !s.isBlank()) {
            return s;
        }
        String reason = Json.str(json, "terminal_reason", Json.str(json, "subtype", "error"));
        if (reason.startsWith("aborted")) {
            return "the turn was aborted (" + reason + ")";
        }
        return "the engine reported an error (" + reason + ")";
    }

    /** The token counts of a usage object, without the provider-specific details. */
    private static JsonObject usage(JsonObject usage) {
        JsonObject out = new JsonObject();
        for (String key :
                new String[] {"input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"
                }) {
            if (usage.getValue(key) instanceof Number n) {
                out.put(key, n.longValue());
            }
        }
        return out;
    }

    private static String contentText(Object content) {
        if (content instanceof String s) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (JsonObject part : Json.objects(content)) {
            if ("text".equals(Json.str(part, "type", null))) {
                out.append(out.length() == 0 ? "" : "\n").append(Json.str(part, "text", ""));
            }
        }
        return out.toString();
    }

    private static String cut(String value, int max) {
        return value.length() <= max
                ? value
                : value.substring(0, max) + "… [" + (value.length() - max) + " more chars]";
    }

    private static NormalizedLine events(List<JsonObject> events) {
        return events.isEmpty() ? NormalizedLine.NOTHING : new NormalizedLine(events, null);
    }
}
