package io.cial.sessions.uploads;

import static io.cial.sessions.uploads.UploadsBed.ALICE;
import static io.cial.sessions.uploads.UploadsBed.OWNER;
import static io.cial.sessions.uploads.UploadsBed.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.UploadsActions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ResolveAttachmentsTest {

    private UploadsBed bed;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        bed = UploadsBed.start(vertx, dir, 1024 * 1024, 4 * 1024 * 1024);
    }

    @Test
    void givesTheAttachmentsInOrderWithPathsTheEngineCanRead() throws Exception {
        String chart = ((JsonObject) bed.upload(OWNER, "chart.png", "image/png", bytes("png"), true)
                        .body())
                .getString("id");
        String notes = bed.uploadId(OWNER, "notes.txt", bytes("notes"));

        JsonArray attachments = resolve(OWNER.userId(), notes, chart, notes).getJsonArray("attachments");

        assertThat(attachments).hasSize(2);
        JsonObject first = attachments.getJsonObject(0);
        assertThat(first.getString("id")).isEqualTo(notes);
        assertThat(first.getString("name")).isEqualTo("notes.txt");
        assertThat(first.getString("contentType")).isEqualTo("text/plain");
        assertThat(first.getLong("size")).isEqualTo(5);
        Path path = Path.of(first.getString("path"));
        assertThat(path).isAbsolute();
        assertThat(Files.readString(path)).isEqualTo("notes");
        JsonObject second = attachments.getJsonObject(1);
        assertThat(second.getString("contentType")).isEqualTo("image/png");
        assertThat(second.getString("path")).endsWith(chart + ".png");
    }

    @Test
    void failsNotFoundNamingEveryUnknownOrForeignId() {
        String mine = bed.uploadId(OWNER, "mine.txt", bytes("mine"));
        String hers = bed.uploadId(ALICE, "hers.txt", bytes("hers"));
        String ghost = "up_" + "0".repeat(32);

        ApiException e = bed.failure(() -> resolve(OWNER.userId(), mine, hers, ghost, "../x"));
        assertCode(e, ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).contains(hers, ghost, "../x").doesNotContain(mine);
    }

    @Test
    void rejectsMalformedRequests() {
        assertCode(
                bed.failure(() ->
                        bed.internal(UploadsActions.RESOLVE_FOR_TURN, new JsonObject().put("ids", new JsonArray()))),
                ErrorCode.VALIDATION_FAILED);
        assertCode(
                bed.failure(() -> bed.internal(
                        UploadsActions.RESOLVE_FOR_TURN,
                        new JsonObject().put("userId", "owner").put("ids", "x"))),
                ErrorCode.VALIDATION_FAILED);
        assertThat(resolve("owner").getJsonArray("attachments")).isEmpty();
    }

    private JsonObject resolve(String userId, String... ids) {
        return bed.internal(
                UploadsActions.RESOLVE_FOR_TURN,
                new JsonObject().put("userId", userId).put("ids", new JsonArray(List.of((Object[]) ids))));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
