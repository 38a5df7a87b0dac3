package io.cial.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final RelativeTime time = new RelativeTime(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void tableAlignsColumnsAndCutsLongCells() {
        StringWriter text = new StringWriter();
        Table.of("ID", "NAME")
                .row("a", "short")
                .row("longer-id", "x".repeat(100))
                .print(new PrintWriter(text));

        String[] lines = text.toString().split("\n");
        assertThat(lines[0]).isEqualTo("ID         NAME");
        assertThat(lines[1]).isEqualTo("a          short");
        assertThat(lines[2]).startsWith("longer-id  xxx").endsWith("...").hasSize(11 + Table.MAX_CELL);
    }

    @Test
    void relativeTimes() {
        assertThat(time.format("2026-12-04T11:59:58Z")).isEqualTo("just now");
        assertThat(time.format("2026-12-04T11:59:30Z")).isEqualTo("30s ago");
        assertThat(time.format("2026-12-04T11:59:00Z")).isEqualTo("1m ago");
        assertThat(time.format("2026-12-04T11:15:00Z")).isEqualTo("45m ago");
        assertThat(time.format("2026-12-03T09:00:00Z")).isEqualTo("27h ago");
        assertThat(time.format("2026-11-20T12:00:00Z")).isEqualTo("14d ago");
        assertThat(time.format("2025-01-01T00:00:00Z")).isEqualTo("2025-01-01");
        assertThat(time.format("not a time")).isEqualTo("not a time");
        assertThat(time.format((String) null)).isEmpty();
    }

    @Test
    void eventSummaries() {
        JsonObject toolUse = new JsonObject()
                .put("kind", "tool_use")
                .put("name", "Bash")
                .put("input", new JsonObject().put("command", "echo hi").put("description", "Say hi"));
        JsonObject toolResult = new JsonObject()
                .put("kind", "tool_result")
                .put("isError", true)
                .put(
                        "content",
                        new JsonArray().add(new JsonObject().put("type", "text").put("text", "\nboom\nmore")));
        JsonObject result =
                new JsonObject().put("kind", "result").put("durationMs", 1500).put("costUsd", 0.0123);

        assertThat(EventText.summary(toolUse)).isEqualTo("Bash: echo hi");
        assertThat(EventText.summary(toolResult)).isEqualTo("error: boom");
        assertThat(EventText.summary(result)).isEqualTo("done, 1.5 s, $0.0123");
        assertThat(EventText.summary(new JsonObject().put("kind", "text").put("text", "a\nb")))
                .isEqualTo("\"a\\nb\"");
    }
}
