package io.cial.sessions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.testing.FakeAnthropic;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the captured Claude Code stream-json fixtures (shared/fixtures/claude-code, both CLI versions) through
 * the normalizer, with the events each one must yield.
 */
class StreamJsonNormalizerTest {

    private static final String HELLO = FakeAnthropic.HELLO;
    private static final String TOOL_TEXT = "I will run the command.\n\nThe command ran. Output was: hi";

    private static final Map<String, Consumer<Result>> EXPECTED = Map.ofEntries(
            Map.entry("text-turn.jsonl", r -> r.okText(HELLO)),
            Map.entry("text-turn.output-format-json.json", Result::resultOnly),
            Map.entry("partial-messages.jsonl", r -> r.okText(HELLO)),
            Map.entry("bare-mode.jsonl", r -> r.okText(HELLO)),
            Map.entry("tools-none.jsonl", r -> r.okText(HELLO)),
            Map.entry("resume-turn.jsonl", r -> r.okText(FakeAnthropic.HELLO_AGAIN)),
            Map.entry("continue-turn.jsonl", r -> r.okText(FakeAnthropic.HELLO_AGAIN)),
            Map.entry("resume-after-sigint.jsonl", r -> r.okText(FakeAnthropic.HELLO_AGAIN)),
            Map.entry("tool-turn.jsonl", Result::bashEchoRoundTrip),
            Map.entry("tool-turn-default-perms.jsonl", Result::bashEchoRoundTrip),
            Map.entry("tool-turn-skip-permissions.jsonl", Result::bashEchoRoundTrip),
            Map.entry("tool-turn-partial.jsonl", Result::bashEchoRoundTrip),
            Map.entry("tool-turn-permission-denied.jsonl", Result::deniedTool),
            Map.entry("mcp-tool-turn.jsonl", Result::mcpTool),
            Map.entry("big-tool-output.jsonl", Result::bigToolOutput),
            Map.entry("cancel-sigint.jsonl", r -> r.aborted("chunk0 chunk1 chunk2 ")),
            Map.entry("interrupt-control-request.jsonl", r -> r.aborted("chunk0 chunk1 chunk2 chunk3 ")),
            Map.entry("cancel-sigterm.jsonl", Result::cutOff),
            Map.entry("api-error-401.jsonl", r -> r.apiError("Failed to authenticate")),
            Map.entry("api-error-500-default-retries.jsonl", r -> r.apiError("API Error: 500")),
            Map.entry("api-error-500-no-retry.jsonl", r -> r.apiError("API Error: 500")),
            Map.entry("api-error-conn-refused-2retries.jsonl", r -> r.apiError("Connection refused")),
            Map.entry("api-error-timeout.jsonl", r -> r.apiError("Request timed out")),
            Map.entry("stream-stall-then-nonstream-fallback.jsonl", Result::stallThenFallback),
            Map.entry("stdin-stream-2turns-replay.jsonl", Result::twoTurns),
            Map.entry("stdin-stream-queued.jsonl", Result::twoTurns),
            Map.entry("requests-seen.jsonl", Result::nothing),
            Map.entry("v2.1.197/text-turn.jsonl", r -> r.okText(HELLO)),
            Map.entry("v2.1.197/resume-turn.jsonl", r -> r.okText(FakeAnthropic.HELLO_AGAIN)),
            Map.entry("v2.1.197/tool-turn-partial.jsonl", Result::bashEchoRoundTrip),
            Map.entry("v2.1.197/cancel-sigint.jsonl", r -> r.aborted("chunk0 chunk1 chunk2 ")),
            Map.entry("v2.1.197/stdin-2turns.jsonl", Result::twoTurns));

    static Stream<String> fixtures() throws IOException {
        Path dir = fixturesDir();
        try (Stream<Path> files = Files.walk(dir)) {
            return files
                    .filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".jsonl") || f.toString().endsWith(".json"))
                    .map(f -> dir.relativize(f).toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void normalizesEveryFixture(String name) throws IOException {
        assertThat(EXPECTED).as("an expectation for fixture " + name).containsKey(name);
        StreamJsonNormalizer normalizer = new StreamJsonNormalizer();
        List<JsonObject> events = new ArrayList<>();
        List<String> sessionIds = new ArrayList<>();
        for (String line : Files.readAllLines(fixturesDir().resolve(name))) {
            NormalizedLine normalized = normalizer.accept(line);
            events.addAll(normalized.events());
            if (normalized.engineSessionId() != null) {
                sessionIds.add(normalized.engineSessionId());
            }
        }
        Result result = new Result(events, sessionIds);
        EXPECTED.get(name).accept(result);
        if (!name.equals("requests-seen.jsonl") && !name.endsWith(".json")) {
            assertThat(sessionIds).as("init lines report the engine session").isNotEmpty();
        }
    }

    static Path fixturesDir() {
        Path root = Path.of(System.getProperty("cial.repo.root", ".")).toAbsolutePath();
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/claude-code");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared/fixtures/claude-code not found beside or above " + root);
    }

    /** The events of one fixture, with the assertions that describe them. */
    record Result(List<JsonObject> events, List<String> sessionIds) {

        List<JsonObject> of(String kind) {
            return events.stream().filter(e -> kind.equals(e.getString("kind"))).toList();
        }

        String text() {
            StringBuilder out = new StringBuilder();
            of(EngineEvents.TEXT).forEach(e -> out.append(e.getString("text")));
            return out.toString();
        }

        JsonObject lastResult() {
            List<JsonObject> results = of(EngineEvents.RESULT);
            assertThat(results).as("result events").isNotEmpty();
            return results.get(results.size() - 1);
        }

        void okText(String text) {
            assertThat(of(EngineEvents.INIT)).hasSize(1);
            assertThat(text()).isEqualTo(text);
            assertThat(lastResult().getBoolean("isError")).isFalse();
            assertThat(lastResult().getString("text")).isEqualTo(text);
            assertThat(of(EngineEvents.ERROR)).isEmpty();
        }

        /** {@code --output-format json}: one result object, no streamed text. */
        void resultOnly() {
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.getString("kind")).isEqualTo(EngineEvents.RESULT);
                assertThat(e.getString("text")).isEqualTo(HELLO);
                assertThat(e.getBoolean("isError")).isFalse();
            });
        }

        void bashEchoRoundTrip() {
            assertThat(of(EngineEvents.TOOL_USE)).singleElement().satisfies(use -> {
                assertThat(use.getString("name")).isEqualTo("Bash");
                assertThat(use.getJsonObject("input").getString("command")).isEqualTo("echo hi");
            });
            JsonObject toolResult = of(EngineEvents.TOOL_RESULT).get(0);
            assertThat(toolResult.getString("toolUseId"))
                    .isEqualTo(of(EngineEvents.TOOL_USE).get(0).getString("id"));
            assertThat(toolResult.getString("content")).isEqualTo("hi");
            assertThat(toolResult.getBoolean("isError")).isFalse();
            assertThat(text()).isEqualTo(TOOL_TEXT);
            assertThat(lastResult().getBoolean("isError")).isFalse();
            assertThat(lastResult().getInteger("numTurns")).isEqualTo(2);
            assertThat(lastResult().getDouble("costUsd")).isPositive();
            assertThat(kinds()).containsSubsequence("text", "tool_use", "tool_result", "text", "result");
        }

        void deniedTool() {
            assertThat(of(EngineEvents.TOOL_RESULT).get(0).getBoolean("isError"))
                    .isTrue();
            assertThat(of(EngineEvents.TOOL_RESULT).get(0).getString("content")).contains("needs approval");
            assertThat(lastResult().getBoolean("isError")).isFalse();
        }

        void mcpTool() {
            assertThat(of(EngineEvents.INIT)).singleElement().satisfies(init -> assertThat(
                            init.getJsonArray("mcpServers"))
                    .containsExactly(new JsonObject().put("name", "fake").put("status", "connected")));
            assertThat(of(EngineEvents.TOOL_USE).get(0).getString("name")).isEqualTo("mcp__fake__ping");
            assertThat(of(EngineEvents.TOOL_RESULT).get(0).getString("content")).contains("pong");
        }

        void bigToolOutput() {
            String content = of(EngineEvents.TOOL_RESULT).get(0).getString("content");
            assertThat(content).startsWith("<persisted-output>");
            assertThat(content.length()).isLessThanOrEqualTo(StreamJsonNormalizer.MAX_TOOL_RESULT_CHARS + 40);
        }

        void aborted(String partial) {
            assertThat(text()).isEqualTo(partial);
            assertThat(of(EngineEvents.ERROR)).singleElement().satisfies(e -> assertThat(e.getString("message"))
                    .contains("aborted"));
            assertThat(lastResult().getBoolean("isError")).isTrue();
        }

        void cutOff() {
            assertThat(text()).isEqualTo("chunk0 chunk1 chunk2 ");
            assertThat(of(EngineEvents.RESULT)).isEmpty();
        }

        void apiError(String message) {
            assertThat(of(EngineEvents.ERROR)).singleElement().satisfies(e -> assertThat(e.getString("message"))
                    .contains(message));
            assertThat(lastResult().getBoolean("isError")).isTrue();
            assertThat(text()).isEmpty();
        }

        void stallThenFallback() {
            assertThat(text()).isEqualTo("partial then silence \n\n" + HELLO);
            assertThat(lastResult().getBoolean("isError")).isFalse();
        }

        void twoTurns() {
            assertThat(of(EngineEvents.RESULT)).hasSize(2);
            assertThat(text()).endsWith(FakeAnthropic.HELLO_AGAIN);
            assertThat(sessionIds).hasSize(2);
        }

        void nothing() {
            assertThat(events).isEmpty();
        }

        private List<String> kinds() {
            return events.stream().map(e -> e.getString("kind")).toList();
        }
    }
}
