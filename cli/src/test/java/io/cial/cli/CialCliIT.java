package io.cial.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real {@code bin/cial-cli} script and fat jar ({@code cli/target/cial-cli.jar}, built in the package phase) run
 * as a separate process against a real instance.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CialCliIT extends WithInstance {

    private static final Pattern NEW_SESSION = Pattern.compile("new session (\\S+)");

    @Test
    void theScriptAnswersHealth() throws Exception {
        Run run = start("api", "getHealth").finish();

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"status\" : \"UP\"");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theScriptStreamsADemoTurn() throws Exception {
        Run run = start("turn", "send", "--provider", "demo", "hello").finish();

        assertThat(run.exit).as(run.toString()).isZero();
        String sessionId = sessionOf(run);
        assertThat(run.out()).isEqualTo(streamedText(sessionId) + "\n");
        assertThat(run.err()).contains("[tool] Bash:");
    }

    @Test
    void ctrlCCancelsTheTurn() throws Exception {
        Run run = start("turn", "send", "--provider", "demo", "a slow answer, please");
        run.firstOutput.await(60, TimeUnit.SECONDS);

        new ProcessBuilder("kill", "-INT", String.valueOf(run.process.pid()))
                .start()
                .waitFor();
        run.finish();

        assertThat(run.exit).as(run.toString()).isNotZero();
        assertThat(run.err()).contains("cancelling the turn").contains("cial-cli: turn cancelled");
        JsonArray events = new JsonObject(cli().run("--json", "sessions", "events", sessionOf(run))
                        .out())
                .getJsonArray("items");
        JsonObject last = events.getJsonObject(events.size() - 1);
        assertThat(last.getString("type")).isEqualTo("turn.done");
        assertThat(last.getString("status")).isEqualTo("cancelled");
    }

    private static Run start(String... args) throws IOException {
        Path script = Path.of(System.getProperty("cial.repo.root")).resolve("bin/cial-cli");
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(CliSettings.ENV_API_URL, instance.instance.apiUrl());
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().remove(CliSettings.ENV_TOKEN);
        builder.environment().remove(CliSettings.ENV_DATA);
        return new Run(builder.start());
    }

    private static String sessionOf(Run run) {
        Matcher m = NEW_SESSION.matcher(run.err());
        assertThat(m.find()).as(run.toString()).isTrue();
        return m.group(1);
    }

    private static String streamedText(String sessionId) {
        JsonObject page = new JsonObject(
                cli().run("--json", "sessions", "events", sessionId).out());
        return page.getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .map(e -> e.getJsonObject("event"))
                .filter(e -> e != null && "text".equals(e.getString("kind")))
                .map(e -> e.getString("text"))
                .collect(Collectors.joining());
    }

    /** A running CLI process with its output collected as it comes. */
    private static final class Run {
        final Process process;
        final CountDownLatch firstOutput = new CountDownLatch(1);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CompletableFuture<Void> readers;
        int exit = -1;

        Run(Process process) {
            this.process = process;
            this.readers = CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> copy(process.getInputStream(), out, firstOutput)),
                    CompletableFuture.runAsync(() -> copy(process.getErrorStream(), err, null)));
        }

        Run finish() throws Exception {
            assertThat(process.waitFor(90, TimeUnit.SECONDS))
                    .as("cial-cli ended")
                    .isTrue();
            readers.get(10, TimeUnit.SECONDS);
            exit = process.exitValue();
            return this;
        }

        String out() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        private static void copy(InputStream in, ByteArrayOutputStream to, CountDownLatch first) {
            byte[] buffer = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                    if (first != null) {
                        first.countDown();
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out() + "--- stderr\n" + err();
        }
    }
}
