package io.cial.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cial.protocol.testing.BufferSink;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusStreamsTest {

    private final Vertx vertx = Vertx.vertx();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void pullsAFileServedOnTheBusByteForByte() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        Path in = Files.write(dir.resolve("in.bin"), data);
        Path out = dir.resolve("out.bin");

        AsyncFile source = vertx.fileSystem()
                .open(in.toString(), new OpenOptions().setRead(true))
                .await();
        AsyncFile sink = vertx.fileSystem()
                .open(out.toString(), new OpenOptions().setWrite(true))
                .await();
        String address = vertx.<String>executeBlocking(() -> BusStreams.serve(vertx, source))
                .await();
        long count = BusStreams.pull(vertx, address, sink).await();
        sink.close().await();

        assertThat(count).isEqualTo(data.length);
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
    }

    @Test
    void failsTooLargeAndStopsPullingPastTheLimit() throws Exception {
        Path in = Files.write(dir.resolve("in.bin"), new byte[1024 * 1024]);
        AsyncFile source = vertx.fileSystem()
                .open(in.toString(), new OpenOptions().setRead(true))
                .await();
        Buffer sink = Buffer.buffer();
        String address = BusStreams.serve(vertx, source);

        assertThatThrownBy(() -> BusStreams.pull(vertx, address, new BufferSink(sink), 100_000)
                        .await())
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.TOO_LARGE));
        assertThat(sink.length()).isLessThanOrEqualTo(100_000);
    }
}
