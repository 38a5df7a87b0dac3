package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code gateway/target/cial.jar} as a user runs it: a separate JVM started with {@code java -jar}, which
 * catches what in-process tests cannot (a dependency missing from the fat jar, a service file lost in shading).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FatJarIT {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    void jarStartsEveryAreaAndRunsADemoTurn() throws Exception {
        int port = freePort();
        // Exactly as the README starts it: a relative jar path, from the repository root.
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("gateway/target/cial.jar")).exists();
        ProcessBuilder builder = new ProcessBuilder(
                        javaBinary(),
                        "-jar",
                        "gateway/target/cial.jar",
                        "--port",
                        String.valueOf(port),
                        "--self-port",
                        String.valueOf(freePort()),
                        "--data",
                        data.toString())
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().remove("ANTHROPIC_API_KEY");
        builder.environment().remove("CLAUDE_CODE_OAUTH_TOKEN");
        builder.environment().put("CIAL_DEMO_DELAY_MS", "5");
        Process process = builder.start();
        try {
            String banner = awaitLine(process, "Cial instance listening on");
            assertThat(banner).contains("http://127.0.0.1:" + port + "/.cial/api");
            String api = "http://127.0.0.1:" + port + "/.cial/api/v1";

            JsonObject ready = get(api + "/system/ready");
            assertThat(ready.getString("status")).isEqualTo("UP");
            JsonArray checks = ready.getJsonArray("checks");
            assertThat(checks.stream().map(c -> ((JsonObject) c).getString("name")))
                    .contains("sessions", "uploads", "vault", "knowledge", "selfedit", "system");

            JsonObject session = post(api + "/sessions", new JsonObject());
            assertThat(session.getString("provider"))
                    .as("demo is the default without a credential")
                    .isEqualTo("demo");
            post(api + "/sessions/" + session.getString("id") + "/turns", new JsonObject().put("text", "hello"));
            assertThat(awaitIdle(api + "/sessions/" + session.getString("id"))).isEqualTo("idle");
            JsonArray messages = get(api + "/sessions/" + session.getString("id") + "/messages")
                    .getJsonArray("items");
            assertThat(messages).hasSize(2);
            assertThat(messages.getJsonObject(1).getString("status")).isEqualTo("complete");
            assertThat(messages.getJsonObject(1).getString("text")).isNotBlank();
            assertThat(get(api.replace("/.cial/api/v1", "") + "/metrics").encode())
                    .isNotEmpty();
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("exits on SIGTERM")
                    .isTrue();
        }
    }

    private String awaitIdle(String url) throws Exception {
        for (int i = 0; i < 300; i++) {
            String status = get(url).getString("status");
            if (!"running".equals(status)) {
                return status;
            }
            Thread.sleep(100);
        }
        return "running";
    }

    private JsonObject get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isLessThan(300);
        String body = response.body();
        return body.startsWith("{") ? new JsonObject(body) : new JsonObject().put("text", body);
    }

    private JsonObject post(String url, JsonObject body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isLessThan(300);
        return new JsonObject(response.body());
    }

    private static String awaitLine(Process process, String prefix) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
                drain.setDaemon(true);
                drain.start();
                return line;
            }
        }
        throw new AssertionError("the jar exited before listening:\n" + seen);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
