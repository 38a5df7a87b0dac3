package io.cial.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.cli.Cli;
import io.cial.cli.CuttingProxy;
import io.cial.cli.WithInstance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cial-cli turn send} and {@code sessions events} with the demo engine of a real instance. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TurnSendTest extends WithInstance {

    private static final Pattern NEW_SESSION = Pattern.compile("new session (\\S+)");

    @Test
    void streamsTheDemoAnswerAndExitsZero() {
        Cli.Result result = cli().run("turn", "send", "--provider", "demo", "hello");

        assertThat(result.exit()).as(result.toString()).isZero();
        String sessionId = newSession(result);
        assertThat(result.out()).isNotBlank().endsWith("\n").isEqualTo(streamedText(sessionId) + "\n");
        assertThat(result.err()).contains("[tool] Bash:").contains("[tool result]");
        Cli.Result messages = cli().run("sessions", "messages", sessionId);
        assertThat(messages.out()).contains("[user, ").contains("hello").contains("[assistant, ");
    }

    @Test
    void attachesAFileAndAKnowledgeToTheTurn(@TempDir Path scratch) throws Exception {
        Path notes = Files.writeString(scratch.resolve("notes.txt"), "attached notes");
        Cli.Result kb = cli().run("knowledges", "create", "handbook", "--instructions", "How we work.");
        assertThat(kb.exit()).as(kb.toString()).isZero();

        Cli.Result result = cli().run(
                        "turn",
                        "send",
                        "--provider",
                        "demo",
                        "--attach",
                        notes.toString(),
                        "--knowledge",
                        "handbook",
                        "hi");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).contains("[attached] notes.txt");
        JsonArray messages = new JsonObject(cli().run("--json", "sessions", "messages", newSession(result))
                        .out())
                .getJsonArray("items");
        JsonArray attachments = messages.getJsonObject(0).getJsonArray("attachments");
        assertThat(attachments).hasSize(1);
        assertThat(attachments.getJsonObject(0).getString("name")).isEqualTo("notes.txt");

        Cli.Result unknown = cli().run("turn", "send", "--provider", "demo", "--knowledge", "no-such-kb", "hi");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no-such-kb");
    }

    @Test
    void continuesASessionAndShowsItsEvents() {
        String sessionId = newSession(cli().run("turn", "send", "--provider", "demo", "first"));

        Cli.Result second = cli().run("turn", "send", "--session", sessionId, "second");
        Cli.Result events = cli().run("sessions", "events", sessionId);
        Cli.Result later = cli().run("--json", "sessions", "events", sessionId, "--after", "3");

        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.err()).doesNotContain("new session");
        assertThat(events.out().lines().filter(l -> l.contains(" done ") && l.contains("ok")))
                .hasSize(2);
        JsonArray items = new JsonObject(later.out()).getJsonArray("items");
        assertThat(items.getJsonObject(0).getLong("seq")).isEqualTo(4L);
    }

    @Test
    void followPrintsEventsUntilTheTurnIsDone() throws Exception {
        String sessionId = new JsonObject(cli().run("--json", "sessions", "create", "--provider", "demo")
                        .out())
                .getString("id");

        CompletableFuture<Cli.Result> follow = CompletableFuture.supplyAsync(
                () -> cli().run("sessions", "events", sessionId, "--follow", "--until-done"));
        Cli.Result send = cli().run("turn", "send", "--session", sessionId, "follow me");
        Cli.Result followed = follow.get(60, TimeUnit.SECONDS);

        assertThat(send.exit()).as(send.toString()).isZero();
        assertThat(followed.exit()).as(followed.toString()).isZero();
        List<String> lines = followed.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("tool_use"));
        assertThat(lines.get(lines.size() - 1)).contains("done").endsWith("ok");
    }

    @Test
    void reconnectsThroughTheRealGatewayWithoutLoss() {
        try (CuttingProxy proxy = CuttingProxy.start(instance.instance.port(), "\"turn.event\"")) {
            Cli.Result result =
                    cliAt(proxy.apiUrl()).run("turn", "send", "--provider", "demo", "hello through a flaky network");

            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(proxy.cuts()).isEqualTo(1);
            assertThat(result.err()).contains("reconnecting").contains("reconnected; resuming after event");
            assertThat(result.out()).isEqualTo(streamedText(newSession(result)) + "\n");
        }
    }

    @Test
    void aTurnOnAnUnknownSessionFailsWithTheApiError() {
        Cli.Result result = cli().run("turn", "send", "--session", "no-such-session", "hello");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("cial-cli: ").contains("not_found)");
    }

    private static String newSession(Cli.Result result) {
        Matcher m = NEW_SESSION.matcher(result.err());
        assertThat(m.find()).as(result.toString()).isTrue();
        return m.group(1);
    }

    /** The text deltas of the session's events, as stored: what the CLI must have printed, exactly once each. */
    private static String streamedText(String sessionId) {
        JsonObject page = new JsonObject(
                cli().run("--json", "sessions", "events", sessionId).out());
        return page.getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getJsonObject("event") != null)
                .map(e -> e.getJsonObject("event"))
                .filter(e -> "text".equals(e.getString("kind")))
                .map(e -> e.getString("text"))
                .collect(Collectors.joining());
    }
}
