package io.cial.cli.output;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * Short one-line readings of normalized turn events ({@code kind} text, thinking, tool_use, tool_result, result,
 * error) and of message parts, for stderr tool lines and event listings.
 */
public final class EventText {

    /** The longest summary printed; the rest is cut with an ellipsis. */
    public static final int MAX = 120;

    private static final List<String> INPUT_KEYS =
            List.of("command", "file_path", "path", "pattern", "url", "query", "prompt", "description");

    private EventText() {}

    /** The event's kind ({@code kind}, or {@code type} for parts that use it). */
    public static String kind(JsonObject event) {
        return event.getString("kind", event.getString("type", "?"));
    }

    /** One line saying what the event is about. */
    public static String summary(JsonObject event) {
        return switch (kind(event)) {
            case "text", "thinking" -> quote(event.getString("text", ""));
            case "tool_use" -> event.getString("name", "tool") + ": " + input(event.getValue("input"));
            case "tool_result" -> (event.getBoolean("isError", false) ? "error: " : "")
                    + firstLine(content(event.getValue("content")));
            case "result" -> result(event);
            case "error" -> cut(event.getString("message", ""));
            case "task" -> cut(event.getString("taskKind", "task") + " " + event.getString("taskId", "") + ": "
                    + event.getString("status", "") + " " + event.getString("description", ""));
            default -> cut(event.encode());
        };
    }

    /** What a tool was asked to do: its command, path, pattern... or its input as compact JSON. */
    public static String input(Object input) {
        if (input instanceof JsonObject object) {
            for (String key : INPUT_KEYS) {
                if (object.getValue(key) instanceof String value && !value.isBlank()) {
                    return cut(firstLine(value));
                }
            }
            return cut(object.encode());
        }
        return input == null ? "" : cut(String.valueOf(input));
    }

    /** The text of a tool result: a string, or the text blocks of a content array. */
    public static String content(Object content) {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof JsonArray blocks) {
            StringBuilder text = new StringBuilder();
            for (Object block : blocks) {
                if (block instanceof JsonObject b && b.getValue("text") instanceof String part) {
                    text.append(part);
                } else if (block instanceof String part) {
                    text.append(part);
                }
            }
            return text.toString();
        }
        return content == null ? "" : String.valueOf(content);
    }

    private static String result(JsonObject event) {
        StringBuilder line = new StringBuilder(event.getBoolean("isError", false) ? "failed" : "done");
        if (event.getValue("durationMs") instanceof Number ms) {
            line.append(String.format(Locale.ROOT, ", %.1f s", ms.doubleValue() / 1000));
        }
        if (event.getValue("costUsd") instanceof Number cost) {
            line.append(String.format(Locale.ROOT, ", $%.4f", cost.doubleValue()));
        }
        if (event.getValue("numTurns") instanceof Number turns) {
            line.append(", ").append(turns).append(" model turns");
        }
        return line.toString();
    }

    /** The first non-blank line, cut to {@link #MAX}. */
    public static String firstLine(String text) {
        String line =
                text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        return cut(line);
    }

    /** A text delta shown with its spaces and line breaks visible. */
    public static String quote(String text) {
        return cut("\"" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"");
    }

    public static String cut(String text) {
        return text.length() > MAX ? text.substring(0, MAX - 3) + "..." : text;
    }
}
