package io.cial.sessions.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Follows a growing log file from a byte offset and hands its complete lines, in order, to a {@link Sink}. Lines may
 * be of any length and may arrive in pieces: bytes are buffered until their newline. Reads run on a worker; one batch
 * is in the sink at a time, and the next read starts when the sink's future completes, so a slow sink slows only this
 * tailer. Callers {@link #wake} it when the file may have grown (file-system notification or a poll) and {@link
 * #drain} it once the writer has exited. All methods are called on the owning context.
 */
public final class LogTailer {

    /** Receives batches of complete lines and the byte offset just after the last of them. */
    public interface Sink {
        Future<Void> accept(List<String> lines, long endOffset);
    }

    static final int CHUNK = 1 << 20;

    private final Vertx vertx;
    private final Path file;
    private final Sink sink;
    /** Bytes read but not yet delivered (a line without its newline yet): {@code pendingLength} of them. */
    private byte[] pending = new byte[0];

    private int pendingLength;
    private long pendingStart;
    private long readPosition;
    private boolean busy;
    private Future<Void> inFlight = Future.succeededFuture();
    private boolean wakeRequested;
    private boolean stopped;
    private boolean draining;

    public LogTailer(Vertx vertx, Path file, long offset, Sink sink) {
        this.vertx = vertx;
        this.file = file;
        this.sink = sink;
        this.pendingStart = offset;
        this.readPosition = offset;
    }

    /** The file may have grown: read what is new, now or right after the batch in progress. */
    public void wake() {
        if (stopped || draining) {
            return;
        }
        if (busy) {
            wakeRequested = true;
            return;
        }
        busy = true;
        inFlight = readAvailable(false).andThen(done -> {
            busy = false;
            if (wakeRequested && !stopped && !draining) {
                wakeRequested = false;
                wake();
            }
        });
    }

    /**
     * Reads everything left, including a last line without a newline, after the writer has exited. Runs after the
     * batch in progress.
     */
    public Future<Void> drain() {
        draining = true;
        return inFlight.transform(previous -> {
            busy = true;
            return readAvailable(true).andThen(done -> busy = false);
        });
    }

    /** Stops reading; a batch already in the sink completes. */
    public void stop() {
        stopped = true;
    }

    private Future<Void> readAvailable(boolean toEnd) {
        if (stopped) {
            return Future.succeededFuture();
        }
        long from = readPosition;
        return vertx.executeBlocking(() -> read(from), false).compose(chunk -> {
            int length = chunk.remaining();
            readPosition += length;
            append(chunk);
            boolean more = length == CHUNK;
            boolean last = toEnd && !more;
            return deliver(last).compose(v -> more ? readAvailable(toEnd) : Future.succeededFuture());
        });
    }

    private Future<Void> deliver(boolean flushPartial) {
        List<String> lines = new ArrayList<>();
        int lineStart = 0;
        for (int i = 0; i < pendingLength; i++) {
            if (pending[i] == '\n') {
                lines.add(decode(lineStart, i));
                lineStart = i + 1;
            }
        }
        if (flushPartial && lineStart < pendingLength) {
            lines.add(decode(lineStart, pendingLength));
            lineStart = pendingLength;
        }
        if (lines.isEmpty()) {
            return Future.succeededFuture();
        }
        long endOffset = pendingStart + lineStart;
        System.arraycopy(pending, lineStart, pending, 0, pendingLength - lineStart);
        pendingLength -= lineStart;
        pendingStart = endOffset;
        return stopped ? Future.succeededFuture() : sink.accept(lines, endOffset);
    }

    /** Adds the bytes of a chunk (its position to its limit) after the pending ones. */
    private void append(ByteBuffer chunk) {
        int length = chunk.remaining();
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + length, pending.length * 2));
        }
        chunk.get(pending, pendingLength, length);
        pendingLength += length;
    }

    private String decode(int start, int end) {
        int stop = end > start && pending[end - 1] == '\r' ? end - 1 : end;
        return new String(pending, start, stop - start, StandardCharsets.UTF_8);
    }

    /** Up to {@link #CHUNK} bytes from {@code from}; a chunk read to its capacity means there may be more. */
    private ByteBuffer read(long from) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= from) {
                return ByteBuffer.allocate(0);
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(CHUNK, size - from));
            while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) > 0) {
                // keep reading until the chunk is full or the file ends
            }
            bytes.flip();
            return bytes;
        }
    }
}
