package io.cial.sessions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Background work in Claude Code 2.1.332 stream-json, captured from the real CLI against the fake API (test resources
 * {@code stream-json/background-*.jsonl}): a {@code run_in_background} Bash command and an async sub-agent.
 */
class BackgroundTaskNormalizerTest {

    @Test
    void backgroundShellBecomesARunningThenCompletedShellTask() throws IOException {
        List<JsonObject> events = normalize("background-shell.jsonl");

        List<JsonObject> tasks = tasks(events);
        assertThat(tasks.get(0))
                .isEqualTo(new JsonObject()
                        .put("kind", "task")
                        .put("taskId", "bzb1rm3lw")
                        .put("taskKind", "shell")
                        .put("description", "Background sleep")
                        .put("status", "running")
                        .put("toolUseId", "toolu_fake000001"));
        JsonObject last = tasks.get(tasks.size() - 1);
        assertThat(last.getString("status")).isEqualTo("completed");
        assertThat(last.getString("summary")).contains("completed (exit code 0)");
        assertThat(last.getString("outputFile")).endsWith("bzb1rm3lw.output");
    }

    @Test
    void subAgentIsATaskAndItsOwnConversationIsNotPartOfTheAnswer() throws IOException {
        List<JsonObject> events = normalize("background-agent.jsonl");

        assertThat(tasks(events).get(0).getString("taskKind")).isEqualTo("agent");
        assertThat(tasks(events).get(tasks(events).size() - 1).getString("summary"))
                .isEqualTo("Hello from fake model");
        String text = events.stream()
                .filter(e -> EngineEvents.is(e, EngineEvents.TEXT))
                .map(e -> e.getString("text"))
                .reduce("", String::concat);
        assertThat(text).startsWith("I will run the command.").doesNotContain("Hello from fake model");
    }

    private static List<JsonObject> tasks(List<JsonObject> events) {
        return events.stream()
                .filter(e -> EngineEvents.is(e, EngineEvents.TASK))
                .toList();
    }

    private static List<JsonObject> normalize(String resource) throws IOException {
        try (InputStream in = BackgroundTaskNormalizerTest.class.getResourceAsStream("/stream-json/" + resource)) {
            StreamJsonNormalizer normalizer = new StreamJsonNormalizer();
            List<JsonObject> events = new ArrayList<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .forEach(line -> events.addAll(normalizer.accept(line).events()));
            return events;
        }
    }
}
