package io.cial.sessions;

import io.cial.protocol.Frames;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records the frames published on one bus address, for tests that await and inspect them from the JUnit thread. */
final class FrameRecorder {

    private final List<JsonObject> frames = new ArrayList<>();
    private final MessageConsumer<JsonObject> consumer;

    private FrameRecorder(Vertx vertx, String address) {
        consumer = vertx.eventBus().consumer(address, message -> {
            synchronized (frames) {
                frames.add(message.body());
                frames.notifyAll();
            }
        });
    }

    static FrameRecorder on(Vertx vertx, String address) {
        FrameRecorder recorder = new FrameRecorder(vertx, address);
        recorder.consumer.completion().await();
        return recorder;
    }

    List<JsonObject> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** Waits until a frame matches, and returns it. */
    JsonObject await(Predicate<JsonObject> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (frames) {
            while (true) {
                for (JsonObject frame : frames) {
                    if (match.test(frame)) {
                        return frame;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching frame within " + timeout + "; got " + frames);
                }
                try {
                    frames.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    JsonObject awaitDone(String turnId, Duration timeout) {
        return await(
                f -> Frames.TURN_DONE.equals(f.getString("type")) && turnId.equals(f.getString("turnId")), timeout);
    }

    /** Waits until at least {@code count} turn.event frames of the turn arrived. */
    void awaitEvents(String turnId, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (frames) {
            while (turnEvents(turnId).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("fewer than " + count + " events within " + timeout + ": " + frames);
                }
                try {
                    frames.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    List<JsonObject> turnEvents(String turnId) {
        return frames().stream()
                .filter(f -> Frames.TURN_EVENT.equals(f.getString("type")) && turnId.equals(f.getString("turnId")))
                .toList();
    }

    void close() {
        consumer.unregister().await();
    }
}
