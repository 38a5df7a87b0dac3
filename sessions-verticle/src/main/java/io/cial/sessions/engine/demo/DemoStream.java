package io.cial.sessions.engine.demo;

import static io.cial.sessions.engine.demo.DemoJson.arr;
import static io.cial.sessions.engine.demo.DemoJson.obj;

import io.cial.sessions.engine.demo.DemoJson.Raw;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes Claude Code stream-json lines (the {@code --include-partial-messages} shape) to stdout, one flushed line at a
 * time. If the process is interrupted, {@link #abort} writes the same abort sequence the CLI writes on SIGINT: the
 * partial assistant text marked aborted, the interrupt marker and an error result.
 */
final class DemoStream {

    private static final Pattern WORDS = Pattern.compile("\\S+\\s*|\\s+");

    private final PrintStream out;
    private final String sessionId;
    private final String model;
    private final long delayMs;
    private final boolean stamped;
    private final long startedAt = System.currentTimeMillis();
    private final StringBuilder currentText = new StringBuilder();
    private String currentMessageId;
    private int messages;
    private boolean closed;

    /** @param stamped whether each line carries the time it was written ({@code cial_ts}, epoch microseconds) */
    DemoStream(PrintStream out, String sessionId, String model, long delayMs, boolean stamped) {
        this.out = out;
        this.sessionId = sessionId;
        this.model = model;
        this.delayMs = delayMs;
        this.stamped = stamped;
    }

    void init(String cwd) {
        emit(obj(
                "type",
                "system",
                "subtype",
                "init",
                "cwd",
                cwd,
                "session_id",
                sessionId,
                "tools",
                arr("Bash"),
                "mcp_servers",
                arr(),
                "model",
                model,
                "permissionMode",
                "default",
                "apiKeySource",
                "none",
                "claude_code_version",
                "demo",
                "uuid",
                uuid()));
    }

    /** Streams one assistant message made of a text block, and of a Bash tool use when {@code command} is set. */
    void message(String text, String toolUseId, String command) throws InterruptedException {
        currentMessageId = "msg_demo_" + (++messages);
        emit(obj(
                "type",
                "system",
                "subtype",
                "status",
                "status",
                "requesting",
                "session_id",
                sessionId,
                "uuid",
                uuid()));
        streamEvent(obj(
                "type",
                "message_start",
                "message",
                obj(
                        "id",
                        currentMessageId,
                        "type",
                        "message",
                        "role",
                        "assistant",
                        "model",
                        model,
                        "content",
                        arr(),
                        "stop_reason",
                        null,
                        "usage",
                        usage(1))));
        streamEvent(obj("type", "content_block_start", "index", 0, "content_block", obj("type", "text", "text", "")));
        for (String word : words(text)) {
            synchronized (this) {
                currentText.append(word);
            }
            streamEvent(
                    obj("type", "content_block_delta", "index", 0, "delta", obj("type", "text_delta", "text", word)));
            Thread.sleep(delayMs);
        }
        assistant(obj("type", "text", "text", text));
        synchronized (this) {
            currentText.setLength(0);
        }
        streamEvent(obj("type", "content_block_stop", "index", 0));
        if (command != null) {
            toolUse(toolUseId, command);
        }
        streamEvent(obj(
                "type",
                "message_delta",
                "delta",
                obj("stop_reason", command == null ? "end_turn" : "tool_use"),
                "usage",
                obj("output_tokens", words(text).size())));
        streamEvent(obj("type", "message_stop"));
    }

    private void toolUse(String id, String command) {
        Raw input = obj("command", command, "description", "Run " + command);
        streamEvent(obj(
                "type",
                "content_block_start",
                "index",
                1,
                "content_block",
                obj("type", "tool_use", "id", id, "name", "Bash", "input", obj())));
        streamEvent(obj(
                "type",
                "content_block_delta",
                "index",
                1,
                "delta",
                obj("type", "input_json_delta", "partial_json", input.json())));
        assistant(obj("type", "tool_use", "id", id, "name", "Bash", "input", input));
        streamEvent(obj("type", "content_block_stop", "index", 1));
    }

    void toolResult(String toolUseId, String content, boolean isError) {
        emit(obj(
                "type",
                "user",
                "message",
                obj(
                        "role",
                        "user",
                        "content",
                        arr(obj(
                                "tool_use_id",
                                toolUseId,
                                "type",
                                "tool_result",
                                "content",
                                content,
                                "is_error",
                                isError))),
                "parent_tool_use_id",
                null,
                "session_id",
                sessionId,
                "uuid",
                uuid()));
    }

    void result(String text, int numTurns, boolean isError, String subtype) {
        emit(obj(
                "type",
                "result",
                "subtype",
                subtype,
                "is_error",
                isError,
                "result",
                text,
                "num_turns",
                numTurns,
                "session_id",
                sessionId,
                "duration_ms",
                System.currentTimeMillis() - startedAt,
                "total_cost_usd",
                0,
                "usage",
                usage(numTurns * 10),
                "terminal_reason",
                isError ? "aborted_streaming" : "completed",
                "uuid",
                uuid()));
    }

    /** Writes the abort sequence once; later writes of the interrupted main thread are dropped. */
    synchronized void abort() {
        if (closed) {
            return;
        }
        if (currentMessageId != null && currentText.length() > 0) {
            emit(obj(
                    "type",
                    "assistant",
                    "message",
                    obj(
                            "id",
                            currentMessageId,
                            "type",
                            "message",
                            "role",
                            "assistant",
                            "model",
                            model,
                            "content",
                            arr(obj("type", "text", "text", currentText.toString()))),
                    "session_id",
                    sessionId,
                    "uuid",
                    uuid(),
                    "aborted",
                    true));
        }
        emit(obj(
                "type",
                "user",
                "message",
                obj("role", "user", "content", arr(obj("type", "text", "text", "[Request interrupted by user]"))),
                "session_id",
                sessionId));
        emit(obj(
                "type",
                "result",
                "subtype",
                "error_during_execution",
                "is_error",
                true,
                "num_turns",
                messages,
                "session_id",
                sessionId,
                "duration_ms",
                System.currentTimeMillis() - startedAt,
                "total_cost_usd",
                0,
                "usage",
                usage(0),
                "terminal_reason",
                "aborted_streaming",
                "errors",
                arr(),
                "uuid",
                uuid()));
        closed = true;
    }

    /** Marks the output complete: nothing more is written, not even by {@link #abort}. */
    synchronized void close() {
        closed = true;
    }

    private void assistant(Raw block) {
        emit(obj(
                "type",
                "assistant",
                "message",
                obj(
                        "id",
                        currentMessageId,
                        "type",
                        "message",
                        "role",
                        "assistant",
                        "model",
                        model,
                        "content",
                        arr(block),
                        "stop_reason",
                        null,
                        "usage",
                        usage(1)),
                "parent_tool_use_id",
                null,
                "session_id",
                sessionId,
                "uuid",
                uuid()));
    }

    private void streamEvent(Raw event) {
        emit(obj(
                "type",
                "stream_event",
                "event",
                event,
                "session_id",
                sessionId,
                "parent_tool_use_id",
                null,
                "uuid",
                uuid(),
                "api_message_id",
                currentMessageId));
    }

    private synchronized void emit(Raw line) {
        if (closed) {
            return;
        }
        out.println(stamped ? stamp(line.json()) : line.json());
        out.flush();
    }

    /** Adds the write time as the object's last field; taken last, just before the write. */
    private static String stamp(String json) {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return json.substring(0, json.length() - 1) + ",\"cial_ts\":" + micros + "}";
    }

    private static Raw usage(int outputTokens) {
        return obj(
                "input_tokens",
                12,
                "output_tokens",
                outputTokens,
                "cache_creation_input_tokens",
                0,
                "cache_read_input_tokens",
                0);
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORDS.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
