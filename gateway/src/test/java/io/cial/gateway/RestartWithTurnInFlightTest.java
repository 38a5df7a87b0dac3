package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart requested through the loopback self-edit API while a turn streams: the instance closes gracefully, the
 * supervisor (here the test) starts it again on the same ports, the new instance re-attaches to the still-running
 * engine, and the turn completes with every event exactly once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RestartWithTurnInFlightTest {

    @TempDir
    Path data;

    @Test
    void turnInFlightCompletesAfterARestart() throws Exception {
        InstanceSettings settings = settings();
        Vertx client = Vertx.vertx();
        Promise<Void> restarted = Promise.promise();
        List<Instance> instances = new ArrayList<>();
        // The test plays the supervisor: when the instance hands over, it starts the same build again.
        Runnable supervisor = () -> Instance.start(settings)
                .onSuccess(next -> {
                    instances.add(next);
                    restarted.complete();
                })
                .onFailure(restarted::fail);
        instances.add(Instance.start(settings, supervisor).await());
        TestInstance first = new TestInstance(instances.get(0), client);
        try {
            String sessionId = first.post("/sessions", new JsonObject().put("provider", "demo"))
                    .bodyAsJsonObject()
                    .getString("id");
            String turnId = first.post(
                            "/sessions/" + sessionId + "/turns", new JsonObject().put("text", "slowly, please"))
                    .bodyAsJsonObject()
                    .getString("turnId");
            long seen;
            try (SocketClient ws = new SocketClient(first.socket(Map.of()))) {
                ws.send(new JsonObject()
                        .put("type", "subscribe")
                        .put("sessionId", sessionId)
                        .put("after", 0));
                List<JsonObject> early = ws.until(f -> f.getLong("seq", 0L) >= 4, 30);
                seen = early.get(early.size() - 1).getLong("seq");
            }

            HttpResponse<Buffer> restart = first.http
                    .post(settings.selfPort(), "127.0.0.1", "/.cial/api/v1/self/restart")
                    .sendJsonObject(new JsonObject())
                    .await();
            assertThat(restart.statusCode()).isEqualTo(202);
            restarted.future().await(60, TimeUnit.SECONDS);

            TestInstance second = new TestInstance(instances.get(1), client);
            assertThat(second.instance.port()).isEqualTo(settings.port());
            try (SocketClient ws = new SocketClient(second.socket(Map.of()))) {
                ws.send(new JsonObject()
                        .put("type", "subscribe")
                        .put("sessionId", sessionId)
                        .put("after", seen));
                List<JsonObject> rest = ws.until(SocketClient.doneOf(turnId), 90);
                assertThat(rest.get(rest.size() - 1).getString("status")).isEqualTo("ok");
                List<Long> seqs = rest.stream()
                        .filter(f -> f.containsKey("seq"))
                        .map(f -> f.getLong("seq"))
                        .toList();
                assertThat(seqs.get(0)).isEqualTo(seen + 1);
                for (int i = 1; i < seqs.size(); i++) {
                    assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
                }
            }
            JsonArray messages = second.get("/sessions/" + sessionId + "/messages")
                    .bodyAsJsonObject()
                    .getJsonArray("items");
            JsonObject answer = messages.getJsonObject(messages.size() - 1);
            assertThat(answer.getString("status")).isEqualTo("complete");
            String streamed = second
                    .get("/sessions/" + sessionId + "/events?after=0&limit=5000")
                    .bodyAsJsonObject()
                    .getJsonArray("items")
                    .stream()
                    .map(o -> ((JsonObject) o).getJsonObject("event"))
                    .filter(e -> e != null && "text".equals(e.getString("kind")))
                    .map(e -> e.getString("text"))
                    .reduce("", String::concat);
            assertThat(answer.getString("text")).isEqualTo(streamed);
        } finally {
            for (Instance instance : instances) {
                instance.close().await();
            }
            client.close().await();
        }
    }

    private InstanceSettings settings() throws IOException {
        InstanceSettings base = TestInstance.settings(data, Map.of("CIAL_SUPERVISED", "1", "CIAL_DEMO_DELAY_MS", "40"));
        return new InstanceSettings(
                "127.0.0.1",
                freePort(),
                freePort(),
                base.dataDir(),
                null,
                base.sourceDir(),
                base.env(),
                List.of(),
                true);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
