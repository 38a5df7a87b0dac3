package io.cial.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client for tests: sends frames and hands the received ones to the test thread in order. */
public final class SocketClient implements AutoCloseable {

    private final WebSocket ws;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    public SocketClient(WebSocket ws) {
        this.ws = ws;
        ws.textMessageHandler(text -> {
            received.add(text);
            frames.add(new JsonObject(text));
        });
    }

    /** Every text frame received so far, exactly as it arrived, read or not. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** Stops reading from the socket, as a client that cannot keep up does; frames wait in the network. */
    public void pause() {
        ws.pause();
    }

    public void resume() {
        ws.resume();
    }

    public boolean isClosed() {
        return ws.isClosed();
    }

    public void send(JsonObject frame) {
        ws.writeTextMessage(frame.encode()).await();
    }

    /** The next frame, failing the test after {@code seconds}. */
    public JsonObject next(long seconds) {
        try {
            JsonObject frame = frames.poll(seconds, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within %d s", seconds).isNotNull();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Frames up to and including the first that matches, in order. */
    public List<JsonObject> until(Predicate<JsonObject> last, long seconds) {
        List<JsonObject> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
            JsonObject frame = next(left);
            seen.add(frame);
            if (last.test(frame)) {
                return seen;
            }
        }
    }

    /** The first frame of {@code type}, skipping others. */
    public JsonObject first(String type, long seconds) {
        List<JsonObject> frames = until(f -> type.equals(f.getString("type")), seconds);
        return frames.get(frames.size() - 1);
    }

    public static Predicate<JsonObject> doneOf(String turnId) {
        return f -> "turn.done".equals(f.getString("type")) && turnId.equals(f.getString("turnId"));
    }

    @Override
    public void close() {
        if (!ws.isClosed()) {
            ws.close().await();
        }
    }
}
