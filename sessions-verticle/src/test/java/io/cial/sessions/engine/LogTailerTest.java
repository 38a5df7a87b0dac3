package io.cial.sessions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tailer hands over whole lines only, in order, however the bytes arrive: a line in pieces, a multi-byte character
 * split between reads, CRLF endings, lines longer than one read; the offset it reports is just after the last line.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class LogTailerTest {

    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Long> offsets = new CopyOnWriteArrayList<>();

    private LogTailer tailer(Vertx vertx, Path file, long offset) {
        return new LogTailer(vertx, file, offset, (batch, endOffset) -> {
            lines.addAll(batch);
            offsets.add(endOffset);
            return Future.succeededFuture();
        });
    }

    private static void write(Path file, byte[] bytes) throws Exception {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Wakes the tailer on its context and waits until {@code count} lines have arrived. */
    private void wakeUntil(Vertx vertx, LogTailer tailer, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (lines.size() < count && System.nanoTime() < deadline) {
            vertx.runOnContext(v -> tailer.wake());
            Thread.sleep(20);
        }
    }

    private static void onContext(Vertx vertx, java.util.function.Supplier<Future<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(v -> work.get().onComplete(ar -> done.complete(null)));
        done.join();
    }

    @Test
    void linesInPiecesArriveWholeAndInOrder(Vertx vertx) throws Exception {
        Path file = dir.resolve("t.log");
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        LogTailer tailer = tailer(vertx, file, 0);

        write(file, "first li".getBytes(StandardCharsets.UTF_8));
        vertx.runOnContext(v -> tailer.wake());
        Thread.sleep(100);
        assertThat(lines).isEmpty();
        write(file, "ne\r\nsecond ".getBytes(StandardCharsets.UTF_8));
        write(file, new byte[] {euro[0]});
        wakeUntil(vertx, tailer, 1);
        write(file, new byte[] {euro[1], euro[2], '\n'});
        wakeUntil(vertx, tailer, 2);

        assertThat(lines).containsExactly("first line", "second €");
        assertThat(offsets.get(offsets.size() - 1)).isEqualTo(Files.size(file));
    }

    @Test
    void aLineLongerThanOneReadArrivesWhole(Vertx vertx) throws Exception {
        Path file = dir.resolve("long.log");
        String longLine = "x".repeat(LogTailer.CHUNK * 2 + 17);
        write(file, (longLine + "\nshort\n").getBytes(StandardCharsets.UTF_8));
        LogTailer tailer = tailer(vertx, file, 0);

        wakeUntil(vertx, tailer, 2);

        assertThat(lines).containsExactly(longLine, "short");
        assertThat(offsets.get(offsets.size() - 1)).isEqualTo(Files.size(file));
    }

    @Test
    void drainDeliversALastLineWithoutNewlineAndStartsFromTheGivenOffset(Vertx vertx) throws Exception {
        Path file = dir.resolve("d.log");
        write(file, "already stored\nnew\nlast without newline".getBytes(StandardCharsets.UTF_8));
        LogTailer tailer = tailer(vertx, file, "already stored\n".length());

        onContext(vertx, tailer::drain);

        assertThat(lines).containsExactly("new", "last without newline");
        assertThat(offsets).containsExactly(Files.size(file));
        List<String> before = new ArrayList<>(lines);
        onContext(vertx, tailer::drain);
        assertThat(lines).isEqualTo(before);
    }
}
