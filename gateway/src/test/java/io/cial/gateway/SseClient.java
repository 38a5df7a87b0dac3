package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Server-Sent Events client for tests: opens {@code GET /sessions/{id}/events} with {@code Accept:
 * text/event-stream}, parses the stream as it arrives and hands the events to the test thread in order.
 */
public final class SseClient implements AutoCloseable {

    /** One event: its {@code id:} line (null when absent), its {@code event:} type and its JSON data. */
    public record Event(String id, String type, JsonObject data) {}

    private final HttpClient http;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final StringBuilder pending = new StringBuilder();
    private HttpClientResponse response;
    private volatile boolean ended;

    private SseClient(HttpClient http) {
        this.http = http;
    }

    /** Opens the stream with the given extra headers (e.g. {@code Last-Event-ID}) and waits for its 200. */
    public static SseClient open(TestInstance cial, String sessionId, Map<String, String> headers) {
        SseClient client = new SseClient(cial.client.createHttpClient());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost("127.0.0.1")
                .setPort(cial.instance.port())
                .setURI("/.cial/api/v1/sessions/" + sessionId + "/events")
                .putHeader("Accept", "text/event-stream");
        headers.forEach(options::putHeader);
        client.response = client.http
                .request(options)
                .compose(request -> request.send())
                .map(response -> {
                    response.handler(client::onData);
                    response.endHandler(v -> client.ended = true);
                    return response;
                })
                .await();
        assertThat(client.response.statusCode()).isEqualTo(200);
        assertThat(client.response.getHeader("Content-Type")).startsWith("text/event-stream");
        return client;
    }

    private void onData(Buffer chunk) {
        pending.append(chunk.toString(StandardCharsets.UTF_8));
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 2);
            parse(block);
        }
    }

    private void parse(String block) {
        String id = null;
        String type = "message";
        StringBuilder data = new StringBuilder();
        for (String line : block.split("\n")) {
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                type = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        if (data.length() > 0) {
            events.add(new Event(id, type, new JsonObject(data.toString())));
        }
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    /** Events up to and including the first that matches, in order, failing the test after {@code seconds}. */
    public List<Event> until(Predicate<Event> last, long seconds) {
        List<Event> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (true) {
                Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(event)
                        .as("an event within %d s, after %s", seconds, seen)
                        .isNotNull();
                seen.add(event);
                if (last.test(event)) {
                    return seen;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Closes the connection, as a client that goes away does. */
    @Override
    public void close() {
        http.close().await();
    }
}
