package io.cial.protocol.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Anthropic Messages API on 127.0.0.1 for tests that run a real engine (the Claude Code CLI) offline. It serves
 * {@code POST /v1/messages} as Server-Sent Events ({@code event:}/{@code data:} lines, the event sequence the CLI
 * accepts) or as one JSON message when the request has {@code "stream": false}, answers every other route 404 in the
 * API's error shape, and records every request (headers and body) for assertions.
 *
 * <p>Replies are chosen from the text of the last user message: first by the rules added with {@link #script}, then by
 * the built-in rules of the reference fake used to capture the CLI fixtures: a tool result gets "The command ran.
 * Output was: …"; "use the tool" asks for Bash {@code echo hi}; "failNNN" answers HTTP NNN; "slow" streams 30 chunks;
 * "hangnow" never answers; "second turn"/"again" gets "Hello again from fake model (resumed)"; anything else gets
 * "Hello from fake model".
 */
public final class FakeAnthropic {

    /** The default reply text. */
    public static final String HELLO = "Hello from fake model";
    /** The reply to "second turn" or "again". */
    public static final String HELLO_AGAIN = "Hello again from fake model (resumed)";

    private static final Pattern FAIL = Pattern.compile("fail(\\d{3})");

    private final Vertx vertx;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private HttpServer server;

    private FakeAnthropic(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts a fake on 127.0.0.1 and a free port. */
    public static Future<FakeAnthropic> start(Vertx vertx) {
        FakeAnthropic fake = new FakeAnthropic(vertx);
        return vertx.createHttpServer(
                        new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(fake::handle)
                .listen()
                .map(server -> {
                    fake.server = server;
                    return fake;
                });
    }

    public int port() {
        return server.actualPort();
    }

    /** The value for {@code ANTHROPIC_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Answers prompts whose last user text contains {@code needle} (case-insensitive) with {@code reply}. */
    public FakeAnthropic script(String needle, Reply reply) {
        rules.add(new Rule(needle.toLowerCase(Locale.ROOT), reply));
        return this;
    }

    /** Every request received, in order. */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Only the {@code POST /v1/messages} requests, in order. */
    public List<Recorded> messageRequests() {
        return requests.stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/v1/messages"))
                .toList();
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Recorded recorded = Recorded.of(request, body);
            requests.add(recorded);
            if (request.method() == HttpMethod.POST && request.path().equals("/v1/messages")) {
                answer(request.response(), recorded, decide(recorded));
            } else {
                error(request.response(), 404, "not_found_error", "fake server: no route " + request.path());
            }
        });
    }

    private Reply decide(Recorded request) {
        JsonObject lastUser = request.lastMessage("user");
        if (lastUser != null
                && Recorded.blocks(lastUser).stream().anyMatch(b -> "tool_result".equals(b.getString("type")))) {
            return Reply.text("The command ran. Output was: "
                    + Recorded.toolResultText(lastUser).trim());
        }
        String text = request.lastUserText().toLowerCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (text.contains(rule.needle())) {
                return rule.reply();
            }
        }
        return builtIn(text, request.toolNames().contains("Bash"));
    }

    private static Reply builtIn(String text, boolean hasBash) {
        if (hasBash && (text.contains("use the tool") || text.contains("run echo"))) {
            return Reply.bash("echo hi");
        }
        Matcher fail = FAIL.matcher(text);
        if (fail.find()) {
            return Reply.error(Integer.parseInt(fail.group(1)));
        }
        if (text.contains("hangnow")) {
            return Reply.hang();
        }
        if (text.contains("slow")) {
            return Reply.slow(30, 400);
        }
        if (text.contains("second turn") || text.contains("again")) {
            return Reply.text(HELLO_AGAIN);
        }
        return Reply.text(HELLO);
    }

    private void answer(HttpServerResponse response, Recorded request, Reply reply) {
        int n = counter.incrementAndGet();
        switch (reply.kind()) {
            case HANG -> {}
            case ERROR -> error(
                    response, reply.status(), errorType(reply.status()), "fake server error " + reply.status());
            default -> {
                if (request.body() != null && request.body().getBoolean("stream", false)) {
                    new SseWriter(vertx, response, reply, n, model(request)).start();
                } else {
                    response.putHeader("content-type", "application/json")
                            .putHeader("request-id", "req_fake" + n)
                            .end(message(reply, n, model(request)).encode());
                }
            }
        }
    }

    private static String model(Recorded request) {
        return request.body() == null ? "claude-fake" : request.body().getString("model", "claude-fake");
    }

    private static String errorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    private static void error(HttpServerResponse response, int status, String type, String message) {
        JsonObject body = new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", type).put("message", message));
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(body.encode());
    }

    private static JsonObject message(Reply reply, int n, String model) {
        JsonArray content = new JsonArray();
        String stop = "end_turn";
        if (reply.kind() == Reply.Kind.TOOL) {
            content.add(textBlock("I will run the command."));
            content.add(new JsonObject()
                    .put("type", "tool_use")
                    .put("id", "toolu_fake" + n)
                    .put("name", reply.toolName())
                    .put("input", reply.toolInput()));
            stop = "tool_use";
        } else {
            content.add(textBlock(reply.fullText()));
        }
        return new JsonObject()
                .put("id", "msg_fake" + n)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model)
                .put("content", content)
                .put("stop_reason", stop)
                .put("stop_sequence", (Object) null)
                .put("usage", usage(7));
    }

    static JsonObject textBlock(String text) {
        return new JsonObject().put("type", "text").put("text", text);
    }

    static JsonObject usage(int outputTokens) {
        return new JsonObject()
                .put("input_tokens", 12)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0)
                .put("output_tokens", outputTokens);
    }

    private record Rule(String needle, Reply reply) {}

    /** How the fake answers one request. Build with the static factories. */
    public record Reply(
            Kind kind, String text, int chunks, long delayMs, String toolName, JsonObject toolInput, int status) {

        public enum Kind {
            TEXT,
            SLOW,
            TOOL,
            ERROR,
            HANG
        }

        /** A text answer, streamed word by word. */
        public static Reply text(String text) {
            return new Reply(Kind.TEXT, text, 0, 0, null, null, 0);
        }

        /** {@code chunks} text deltas "chunkN " sent {@code delayMs} apart. */
        public static Reply slow(int chunks, long delayMs) {
            return new Reply(Kind.SLOW, null, chunks, delayMs, null, null, 0);
        }

        /** A tool_use of Bash running {@code command}; the CLI runs it and sends the result in the next request. */
        public static Reply bash(String command) {
            return tool("Bash", new JsonObject().put("command", command).put("description", "Run " + command));
        }

        public static Reply tool(String name, JsonObject input) {
            return new Reply(Kind.TOOL, null, 0, 0, name, input, 0);
        }

        /** An HTTP error with the API's error body. */
        public static Reply error(int status) {
            return new Reply(Kind.ERROR, null, 0, 0, null, null, status);
        }

        /** Never answers. */
        public static Reply hang() {
            return new Reply(Kind.HANG, null, 0, 0, null, null, 0);
        }

        String fullText() {
            if (kind != Kind.SLOW) {
                return text;
            }
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < chunks; i++) {
                all.append("chunk").append(i).append(' ');
            }
            return all.toString();
        }

        List<String> deltas() {
            List<String> out = new ArrayList<>();
            if (kind == Kind.SLOW) {
                for (int i = 0; i < chunks; i++) {
                    out.add("chunk" + i + " ");
                }
                return out;
            }
            Matcher words = Pattern.compile("\\S+\\s*|\\s+").matcher(text);
            while (words.find()) {
                out.add(words.group());
            }
            return out;
        }
    }

    /** Writes one streamed message as SSE, pacing the deltas of a slow reply with timers. */
    private static final class SseWriter {
        private final Vertx vertx;
        private final HttpServerResponse response;
        private final Reply reply;
        private final int n;
        private final String model;

        SseWriter(Vertx vertx, HttpServerResponse response, Reply reply, int n, String model) {
            this.vertx = vertx;
            this.response = response;
            this.reply = reply;
            this.n = n;
            this.model = model;
        }

        void start() {
            response.setChunked(true)
                    .putHeader("content-type", "text/event-stream")
                    .putHeader("cache-control", "no-cache")
                    .putHeader("request-id", "req_fake" + n);
            event("message_start", new JsonObject().put("message", startMessage()));
            event("ping", new JsonObject());
            if (reply.kind() == Reply.Kind.TOOL) {
                writeToolMessage();
                return;
            }
            event("content_block_start", blockStart(0, textBlock("")));
            writeDeltas(reply.deltas(), 0);
        }

        private JsonObject startMessage() {
            return new JsonObject()
                    .put("id", "msg_fake" + n)
                    .put("type", "message")
                    .put("role", "assistant")
                    .put("model", model)
                    .put("content", new JsonArray())
                    .put("stop_reason", (Object) null)
                    .put("stop_sequence", (Object) null)
                    .put("usage", usage(1));
        }

        private void writeDeltas(List<String> deltas, int index) {
            if (response.closed()) {
                return;
            }
            if (index == deltas.size()) {
                event("content_block_stop", new JsonObject().put("index", 0));
                finish("end_turn");
                return;
            }
            event(
                    "content_block_delta",
                    delta(0, new JsonObject().put("type", "text_delta").put("text", deltas.get(index))));
            if (reply.delayMs() > 0) {
                vertx.setTimer(reply.delayMs(), id -> writeDeltas(deltas, index + 1));
            } else {
                writeDeltas(deltas, index + 1);
            }
        }

        private void writeToolMessage() {
            event("content_block_start", blockStart(0, textBlock("")));
            event(
                    "content_block_delta",
                    delta(0, new JsonObject().put("type", "text_delta").put("text", "I will run the command.")));
            event("content_block_stop", new JsonObject().put("index", 0));
            JsonObject toolUse = new JsonObject()
                    .put("type", "tool_use")
                    .put("id", "toolu_fake" + n)
                    .put("name", reply.toolName())
                    .put("input", new JsonObject());
            event("content_block_start", blockStart(1, toolUse));
            String json = reply.toolInput().encode();
            int cut = Math.min(10, json.length());
            for (String part : List.of(json.substring(0, cut), json.substring(cut))) {
                event(
                        "content_block_delta",
                        delta(
                                1,
                                new JsonObject().put("type", "input_json_delta").put("partial_json", part)));
            }
            event("content_block_stop", new JsonObject().put("index", 1));
            finish("tool_use");
        }

        private void finish(String stopReason) {
            event(
                    "message_delta",
                    new JsonObject()
                            .put(
                                    "delta",
                                    new JsonObject()
                                            .put("stop_reason", stopReason)
                                            .put("stop_sequence", (Object) null))
                            .put("usage", new JsonObject().put("output_tokens", 7)));
            event("message_stop", new JsonObject());
            response.end();
        }

        private static JsonObject blockStart(int index, JsonObject block) {
            return new JsonObject().put("index", index).put("content_block", block);
        }

        private static JsonObject delta(int index, JsonObject delta) {
            return new JsonObject().put("index", index).put("delta", delta);
        }

        private void event(String type, JsonObject data) {
            if (!response.closed()) {
                response.write(
                        "event: " + type + "\ndata: " + data.put("type", type).encode() + "\n\n");
            }
        }
    }

    /** One request the fake received. Header names are lower case. */
    public record Recorded(String method, String path, String query, JsonObject headers, JsonObject body) {

        static Recorded of(HttpServerRequest request, Buffer raw) {
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            JsonObject body = null;
            if (raw.length() > 0) {
                try {
                    body = raw.toJsonObject();
                } catch (RuntimeException e) {
                    body = new JsonObject().put("_unparsed", raw.toString());
                }
            }
            return new Recorded(request.method().name(), request.path(), request.query(), headers, body);
        }

        /** The key the client sent in {@code x-api-key}, or the bearer token, or null. */
        public String apiKey() {
            String key = headers.getString("x-api-key");
            if (key != null) {
                return key;
            }
            String auth = headers.getString("authorization");
            return auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        }

        /** Every text of the {@code system} field, joined by newlines. */
        public String systemText() {
            Object system = body == null ? null : body.getValue("system");
            if (system instanceof String s) {
                return s;
            }
            StringBuilder out = new StringBuilder();
            if (system instanceof JsonArray blocks) {
                blocks.stream()
                        .filter(JsonObject.class::isInstance)
                        .map(b -> ((JsonObject) b).getString("text", ""))
                        .forEach(t -> out.append(t).append('\n'));
            }
            return out.toString();
        }

        public JsonArray messages() {
            return body == null ? new JsonArray() : body.getJsonArray("messages", new JsonArray());
        }

        /** The names of the tools offered to the model. */
        public List<String> toolNames() {
            JsonArray tools = body == null ? new JsonArray() : body.getJsonArray("tools", new JsonArray());
            return tools.stream()
                    .filter(JsonObject.class::isInstance)
                    .map(t -> ((JsonObject) t).getString("name"))
                    .toList();
        }

        /** The text of every message with {@code role}, in order (text blocks joined by spaces). */
        public List<String> texts(String role) {
            return messages().stream()
                    .filter(JsonObject.class::isInstance)
                    .map(JsonObject.class::cast)
                    .filter(m -> role.equals(m.getString("role")))
                    .map(Recorded::text)
                    .toList();
        }

        public String lastUserText() {
            JsonObject last = lastMessage("user");
            return last == null ? "" : text(last);
        }

        JsonObject lastMessage(String role) {
            JsonArray messages = messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.getValue(i) instanceof JsonObject m && role.equals(m.getString("role"))) {
                    return m;
                }
            }
            return null;
        }

        static List<JsonObject> blocks(JsonObject message) {
            Object content = message.getValue("content");
            if (content instanceof String s) {
                return List.of(textBlock(s));
            }
            if (content instanceof JsonArray array) {
                return array.stream()
                        .filter(JsonObject.class::isInstance)
                        .map(JsonObject.class::cast)
                        .toList();
            }
            return List.of();
        }

        static String text(JsonObject message) {
            return String.join(
                    " ",
                    blocks(message).stream()
                            .filter(b -> "text".equals(b.getString("type")))
                            .map(b -> b.getString("text", ""))
                            .toList());
        }

        static String toolResultText(JsonObject message) {
            StringBuilder out = new StringBuilder();
            for (JsonObject block : blocks(message)) {
                if (!"tool_result".equals(block.getString("type"))) {
                    continue;
                }
                Object content = block.getValue("content");
                if (content instanceof String s) {
                    out.append(s);
                } else if (content instanceof JsonArray parts) {
                    out.append(text(new JsonObject().put("content", parts)));
                }
            }
            return out.toString();
        }
    }
}
