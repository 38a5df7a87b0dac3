package io.cial.protocol;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.ReadStream;

/**
 * Serves a file on the bus with {@link BusStreams} and closes it once it has been read to the end, failed, or been
 * released by a cancelled or idle puller, so a download never leaks a file descriptor.
 */
public final class FileStreams {

    /** Chunk size of a served file: large enough that a big download needs few bus round trips. */
    public static final int READ_BUFFER_SIZE = 64 * 1024;

    private FileStreams() {}

    /**
     * Serves {@code file} from its current position. Call on the context that opened it.
     *
     * @return the {@link BusStreams} address to hand to the puller (e.g. in {@link ApiResponse#streamed})
     */
    public static String serve(Vertx vertx, AsyncFile file) {
        file.setReadBufferSize(READ_BUFFER_SIZE);
        return BusStreams.serve(vertx, new ClosingSource(file));
    }

    /** A read stream over a file that closes the file after its end or failure handler ran. */
    private static final class ClosingSource implements ReadStream<Buffer> {
        private final AsyncFile file;

        ClosingSource(AsyncFile file) {
            this.file = file;
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            file.exceptionHandler(error -> {
                if (handler != null) {
                    handler.handle(error);
                }
                file.close();
            });
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            file.handler(handler);
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            file.pause();
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            file.resume();
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            file.fetch(amount);
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> handler) {
            file.endHandler(v -> {
                if (handler != null) {
                    handler.handle(v);
                }
                file.close();
            });
            return this;
        }
    }
}
