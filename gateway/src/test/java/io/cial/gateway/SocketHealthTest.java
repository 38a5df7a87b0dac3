package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sockets come and go without leaks: the server pings every socket (here every {@value #PING_MS} ms), keeps those that
 * answer, drops those that do not, and releases every subscription when a socket or event stream closes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SocketHealthTest {

    static final long PING_MS = 500;

    @TempDir
    static Path data;

    static TestInstance cial;

    @BeforeAll
    static void start() {
        cial = TestInstance.start(data, Map.of("CIAL_WS_PING_MS", Long.toString(PING_MS)));
    }

    @AfterAll
    static void stop() {
        cial.close();
    }

    private static String createSession() {
        HttpResponse<Buffer> created = cial.post("/sessions", new JsonObject().put("provider", "demo"));
        assertThat(created.statusCode()).isEqualTo(201);
        return created.bodyAsJsonObject().getString("id");
    }

    @Test
    void aClientThatAnswersPingsStaysConnected() {
        try (SocketClient ws = new SocketClient(cial.socket(Map.of()))) {
            // Ten ping periods: far past the point where a client without pongs is dropped.
            cial.client.timer(10 * PING_MS).await();

            assertThat(ws.isClosed()).isFalse();
            ws.send(new JsonObject().put("type", "ping").put("id", "p1"));
            JsonObject pong = ws.first("pong", 10);
            assertThat(pong.getString("replyTo")).isEqualTo("p1");
        }
    }

    @Test
    void aClientThatStopsAnsweringPingsIsDropped() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(cial.instance.port(), 30_000)) {
            List<RawWebSocket.Frame> frames = raw.readUntilClosed();

            assertThat(frames).anyMatch(f -> f.opcode() == RawWebSocket.Frame.PING);
            RawWebSocket.Frame last = frames.get(frames.size() - 1);
            assertThat(last.opcode()).isEqualTo(RawWebSocket.Frame.CLOSE);
            assertThat(last.closeCode()).isEqualTo(1001);
        }
    }

    @Test
    void subscriptionsAreReleasedWhenSocketsAndEventStreamsClose() {
        String sessionId = createSession();
        long before = cial.busConsumers();
        List<SocketClient> sockets = new ArrayList<>();
        List<SseClient> streams = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SocketClient ws = new SocketClient(cial.socket(Map.of()));
            ws.send(new JsonObject().put("type", "subscribe").put("sessionId", sessionId));
            ws.first("subscribed", 30);
            sockets.add(ws);
        }
        for (int i = 0; i < 5; i++) {
            streams.add(SseClient.open(cial, sessionId, Map.of()));
        }
        // Each socket holds its user's frames and the session's feed; each stream holds the session's feed.
        awaitConsumers(before + 20 * 2 + 5);

        sockets.forEach(SocketClient::close);
        streams.forEach(SseClient::close);

        awaitConsumers(before);
    }

    private static void awaitConsumers(long expected) {
        long deadline = System.currentTimeMillis() + 20_000;
        long now = cial.busConsumers();
        while (now != expected && System.currentTimeMillis() < deadline) {
            cial.client.timer(100).await();
            now = cial.busConsumers();
        }
        assertThat(now).as("event-bus consumers").isEqualTo(expected);
    }
}
