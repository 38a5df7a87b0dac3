package io.cial.protocol;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * Byte streams over the event bus, so that uploads and downloads cross from the gateway to an area (and back) without
 * either side holding a whole body in memory, and without sharing a file system.
 *
 * <p>The side that has the bytes {@link #serve serves} a {@link ReadStream} at a fresh address; the side that wants
 * them {@link #pull pulls} chunk by chunk into a {@link WriteStream}. Each pull is one request/reply, so the puller's
 * write speed paces the source. The last reply carries the {@link #EOS_HEADER} header. A puller that gives up sends a
 * message with the {@link #CANCEL_HEADER} header, which releases the source.
 */
public final class BusStreams {

    public static final String EOS_HEADER = "eos";
    public static final String CANCEL_HEADER = "cancel";
    /** A served stream nobody pulls from for this long is released. */
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 30_000;

    private static final String PREFIX = "cial.stream.";

    private BusStreams() {}

    /**
     * Serves {@code source} at a fresh bus address until it ends, fails, is cancelled or idles out.
     *
     * @return the address to hand to the puller
     */
    public static String serve(Vertx vertx, ReadStream<Buffer> source) {
        String address = PREFIX + UUID.randomUUID();
        new Server(vertx, address, source).start();
        return address;
    }

    /**
     * Pulls every chunk served at {@code address} into {@code sink}, waiting for each write before asking for the next.
     * Does not end the sink, so the caller decides what completes it.
     *
     * @return the number of bytes written
     */
    public static Future<Long> pull(Vertx vertx, String address, WriteStream<Buffer> sink) {
        return pull(vertx, address, sink, Long.MAX_VALUE);
    }

    /**
     * Like {@link #pull(Vertx, String, WriteStream)}, but fails {@code too_large} and cancels the source as soon as
     * more than {@code maxBytes} arrive.
     */
    public static Future<Long> pull(Vertx vertx, String address, WriteStream<Buffer> sink, long maxBytes) {
        Promise<Long> done = Promise.promise();
        next(vertx, address, sink, maxBytes, 0, done);
        return done.future();
    }

    /** Tells the server at {@code address} that nobody will pull any more. */
    public static void cancel(Vertx vertx, String address) {
        vertx.eventBus().send(address, null, new DeliveryOptions().addHeader(CANCEL_HEADER, "true"));
    }

    private static void next(
            Vertx vertx, String address, WriteStream<Buffer> sink, long maxBytes, long count, Promise<Long> done) {
        vertx.eventBus().<Buffer>request(address, null).onFailure(done::tryFail).onSuccess(reply -> {
            if (reply.headers().contains(EOS_HEADER)) {
                done.tryComplete(count);
                return;
            }
            Buffer chunk = reply.body();
            long total = count + chunk.length();
            if (total > maxBytes) {
                cancel(vertx, address);
                done.tryFail(ApiException.of(ErrorCode.TOO_LARGE, "the body exceeds %d bytes", maxBytes));
                return;
            }
            sink.write(chunk)
                    .onSuccess(v -> next(vertx, address, sink, maxBytes, total, done))
                    .onFailure(e -> {
                        cancel(vertx, address);
                        done.tryFail(e);
                    });
        });
    }

    /** The serving side: answers each pull with the next chunk of the source. Runs on the caller's context. */
    private static final class Server {
        private final Vertx vertx;
        private final String address;
        private final ReadStream<Buffer> source;
        private final Deque<Buffer> ready = new ArrayDeque<>();
        private MessageConsumer<Buffer> consumer;
        private Message<Buffer> waiting;
        private boolean ended;
        private Throwable failure;
        private long idleTimer = -1;

        Server(Vertx vertx, String address, ReadStream<Buffer> source) {
            this.vertx = vertx;
            this.address = address;
            this.source = source;
        }

        void start() {
            source.pause();
            source.handler(this::onChunk);
            source.endHandler(v -> onEnd(null));
            source.exceptionHandler(this::onEnd);
            consumer = vertx.eventBus().consumer(address, this::onPull);
            armIdleTimer();
        }

        private void onPull(Message<Buffer> pull) {
            armIdleTimer();
            if (pull.headers().contains(CANCEL_HEADER)) {
                release();
                return;
            }
            waiting = pull;
            if (!answer()) {
                source.fetch(1);
            }
        }

        private void onChunk(Buffer chunk) {
            ready.add(chunk);
            answer();
        }

        private void onEnd(Throwable error) {
            ended = true;
            failure = error;
            answer();
        }

        /** Answers the waiting pull if there is something to answer with. */
        private boolean answer() {
            if (waiting == null) {
                return false;
            }
            Message<Buffer> pull = waiting;
            if (!ready.isEmpty()) {
                waiting = null;
                pull.reply(ready.poll());
                return true;
            }
            if (!ended) {
                return false;
            }
            waiting = null;
            if (failure != null) {
                pull.fail(ErrorCode.UPSTREAM_FAILED.status(), failure.getMessage());
            } else {
                pull.reply(Buffer.buffer(), new DeliveryOptions().addHeader(EOS_HEADER, "true"));
            }
            release();
            return true;
        }

        private void armIdleTimer() {
            if (idleTimer >= 0) {
                vertx.cancelTimer(idleTimer);
            }
            idleTimer = vertx.setTimer(DEFAULT_IDLE_TIMEOUT_MS, id -> release());
        }

        private void release() {
            if (idleTimer >= 0) {
                vertx.cancelTimer(idleTimer);
                idleTimer = -1;
            }
            if (consumer != null) {
                consumer.unregister();
                consumer = null;
            }
            if (!ended) {
                ended = true;
                source.handler(null);
                source.resume();
            }
        }
    }
}
