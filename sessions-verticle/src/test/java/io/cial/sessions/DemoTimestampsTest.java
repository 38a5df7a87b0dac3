package io.cial.sessions;

import static io.cial.sessions.SessionsHarness.TURN_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.sessions.engine.EngineEvents;
import io.cial.sessions.engine.StreamJsonNormalizer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Engine lines stamped with their write time carry it to their events, for the latency benchmark. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class DemoTimestampsTest {

    @TempDir
    Path dir;

    @Test
    void aStampedLineGivesItsEventsTheWriteTime() {
        StreamJsonNormalizer normalizer = new StreamJsonNormalizer();
        String line = "{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}},\"cial_ts\":1765000000123456}";

        List<JsonObject> events = normalizer.accept(line).events();

        assertThat(events).hasSize(1);
        assertThat(events.get(0).getLong(EngineEvents.TS)).isEqualTo(1765000000123456L);
        assertThat(new StreamJsonNormalizer()
                        .accept(line.replace(",\"cial_ts\":1765000000123456", ""))
                        .events())
                .allSatisfy(
                        event -> assertThat(event.containsKey(EngineEvents.TS)).isFalse());
    }

    @Test
    void theDemoEngineStampsEveryLineWhenAsked(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of("CIAL_DEMO_TIMESTAMPS", "1")).deploy();
        String id = h.createSession(new JsonObject()).getString("id");
        FrameRecorder frames = h.record(id);
        frames.awaitDone(h.startTurn(id, "hello").getString("turnId"), TURN_TIMEOUT);

        List<JsonObject> events = frames.frames().stream()
                .filter(f -> "turn.event".equals(f.getString("type")))
                .toList();
        assertThat(events).isNotEmpty().allSatisfy(frame -> {
            long written = frame.getJsonObject("event").getLong(EngineEvents.TS);
            long storedMicros = Instant.parse(frame.getString("at")).toEpochMilli() * 1000 + 999;
            assertThat(written).isPositive().isLessThanOrEqualTo(storedMicros);
        });
    }
}
