package io.cial.sessions.uploads;

import static io.cial.sessions.uploads.UploadsBed.ALICE;
import static io.cial.sessions.uploads.UploadsBed.OWNER;
import static io.cial.sessions.uploads.UploadsBed.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ApiResponse;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class UploadsTest {

    private UploadsBed bed;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        bed = UploadsBed.start(vertx, dir, 512 * 1024, 2 * 1024 * 1024);
    }

    @Test
    void storesAStreamedBodyUnderItsIdAndServesItBack() throws Exception {
        byte[] pdf = new byte[300 * 1024 + 7];
        new Random(5).nextBytes(pdf);

        ApiResponse created = bed.upload(OWNER, "report.pdf", "application/pdf", pdf, true);
        assertThat(created.status()).isEqualTo(201);
        JsonObject upload = (JsonObject) created.body();
        String id = upload.getString("id");
        assertThat(id).matches("up_[0-9a-f]{32}");
        assertThat(upload.getString("name")).isEqualTo("report.pdf");
        assertThat(upload.getString("contentType")).isEqualTo("application/pdf");
        assertThat(upload.getLong("size")).isEqualTo(pdf.length);
        assertThat(bed.storedFiles()).containsExactly("owner/" + id + ".pdf");
        assertThat(Files.readAllBytes(bed.storage.resolve("owner/" + id + ".pdf")))
                .isEqualTo(pdf);

        UploadsBed.Download download = bed.download(OWNER, id);
        assertThat(download.body().getBytes()).isEqualTo(pdf);
        assertThat(download.headers().getString("Content-Type")).isEqualTo("application/pdf");
        assertThat(download.headers().getString("Content-Length")).isEqualTo(String.valueOf(pdf.length));
        assertThat(download.headers().getString("Content-Disposition"))
                .isEqualTo("inline; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
        assertThat(download.headers().getString("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(((JsonObject) bed.call("getUpload", OWNER, id, null).body()).getString("name"))
                .isEqualTo("report.pdf");
    }

    @Test
    void acceptsABodyOfUnknownLengthAndGuessesAMissingType() {
        JsonObject upload = (JsonObject)
                bed.upload(OWNER, "notes.md", null, bytes("# notes"), false).body();
        assertThat(upload.getString("contentType")).isEqualTo("text/markdown");
        JsonObject nameless = (JsonObject) bed.upload(OWNER, null, "multipart/form-data", bytes("x"), false)
                .body();
        assertThat(nameless.getString("name")).isEqualTo("upload");
        assertThat(nameless.getString("contentType")).isEqualTo("application/octet-stream");
    }

    @Test
    void servesActiveTypesAsAttachmentsWithTheOriginalName() {
        String html = bed.uploadId(OWNER, "page.html", bytes("<script>alert(1)</script>"));
        String svg = ((JsonObject) bed.upload(OWNER, "draw.svg", "application/octet-stream", bytes("<svg/>"), true)
                        .body())
                .getString("id");
        String resume = bed.uploadId(OWNER, "r\u00e9sum\u00e9 final.txt", bytes("cv"));

        assertThat(bed.download(OWNER, html).headers().getString("Content-Disposition"))
                .startsWith("attachment;");
        JsonObject svgHeaders = bed.download(OWNER, svg).headers();
        assertThat(svgHeaders.getString("Content-Type")).isEqualTo("image/svg+xml");
        assertThat(svgHeaders.getString("Content-Disposition")).startsWith("attachment;");
        assertThat(bed.download(OWNER, resume).headers().getString("Content-Disposition"))
                .isEqualTo("inline; filename=\"r_sum_ final.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20final.txt");
    }

    @Test
    void listsNewestFirstInPagesAndDeletes() {
        String first = bed.uploadId(OWNER, "one.txt", bytes("1"));
        String second = bed.uploadId(OWNER, "two.txt", bytes("2"));
        String third = bed.uploadId(OWNER, "three.txt", bytes("3"));

        JsonObject page = list(OWNER, new JsonObject().put("limit", 2));
        assertThat(ids(page)).containsExactly(third, second);
        JsonObject rest = list(OWNER, new JsonObject().put("limit", 2).put("cursor", page.getString("nextCursor")));
        assertThat(ids(rest)).containsExactly(first);
        assertThat(rest.getString("nextCursor")).isNull();

        assertThat(bed.call("deleteUpload", OWNER, second, null).status()).isEqualTo(204);
        assertThat(ids(list(OWNER, null))).containsExactly(third, first);
        assertThat(bed.storedFiles()).containsExactlyInAnyOrder("owner/" + first + ".txt", "owner/" + third + ".txt");
        assertCode(bed.failure(() -> bed.call("getUpload", OWNER, second, null)), ErrorCode.NOT_FOUND);
        assertCode(
                bed.failure(() -> list(OWNER, new JsonObject().put("cursor", "../../etc"))),
                ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void oneOwnerNeverReachesAnotherOwnersUploads() {
        String alices = bed.uploadId(ALICE, "diary.txt", bytes("dear diary"));
        String mine = bed.uploadId(OWNER, "mine.txt", bytes("mine"));

        for (String action : List.of("getUpload", "downloadUpload", "deleteUpload")) {
            assertCode(bed.failure(() -> bed.call(action, OWNER, alices, null)), ErrorCode.NOT_FOUND);
        }
        assertCode(bed.failure(() -> resolve(OWNER, alices)), ErrorCode.NOT_FOUND);
        assertThat(ids(list(OWNER, null))).containsExactly(mine);
        assertThat(ids(list(ALICE, null))).containsExactly(alices);
        assertThat(bed.download(ALICE, alices).body().toString()).isEqualTo("dear diary");
    }

    @Test
    void anOwnerIdThatIsNotAPlainTokenGetsAHashedFolder() {
        Principal edge = new Principal("../../edge|user@example.com", Principal.Kind.EDGE, null);
        String id = bed.uploadId(edge, "a.txt", bytes("a"));
        assertThat(bed.storedFiles()).singleElement().satisfies(file -> assertThat(file)
                .matches("~[0-9a-f]{40}/" + id + "\\.txt"));
        assertThat(bed.outside).isEmptyDirectory();
    }

    @Test
    void rejectsUnsafeFileNamesAndStoresNothing() {
        List<String> attacks = List.of(
                "../evil.sh",
                "../../outside/evil.sh",
                "a/evil.sh",
                "/tmp/evil.sh",
                "C:\\evil.sh",
                "..\\evil.sh",
                "..",
                ".",
                "%2e%2e",
                "%2e%2e%2fevil.sh",
                "%252e%252e%252fevil.sh",
                "evil\u0000.sh",
                "evil%00.sh",
                "evil\n.sh",
                "evil\uD800.sh",
                "x".repeat(256),
                ".cial-tmp-evil",
                "");
        for (String name : attacks) {
            assertCode(
                    bed.failure(() -> bed.upload(OWNER, name, null, bytes("#!/bin/sh"), true)), ErrorCode.INVALID_PATH);
        }
        assertThat(bed.storedFiles()).isEmpty();
        assertThat(bed.outside).isEmptyDirectory();
        assertThat(ids(list(OWNER, null))).isEmpty();
    }

    @Test
    void unsafeIdsAreUnknownAndTouchNothing() {
        String id = bed.uploadId(OWNER, "keep.txt", bytes("keep"));
        for (String attack :
                List.of("../uploads.db", "up_../../x", "%2e%2e", "owner", id + "/../x", id.toUpperCase())) {
            for (String action : List.of("getUpload", "downloadUpload", "deleteUpload")) {
                assertCode(bed.failure(() -> bed.call(action, OWNER, attack, null)), ErrorCode.NOT_FOUND);
            }
        }
        assertThat(bed.storage.resolve(UploadFiles.DATABASE)).exists();
        assertThat(bed.storedFiles()).containsExactly("owner/" + id + ".txt");
    }

    @Test
    void namesThatDifferOnlyByCaseOrNormalisationStaySeparateUploads() {
        String upper = bed.uploadId(OWNER, "Report.txt", bytes("upper"));
        String lower = bed.uploadId(OWNER, "report.txt", bytes("lower"));
        String composed = bed.uploadId(OWNER, "Caf\u00e9.txt", bytes("composed"));
        String decomposed = bed.uploadId(OWNER, "Cafe\u0301.txt", bytes("decomposed"));

        assertThat(List.of(upper, lower, composed, decomposed)).doesNotHaveDuplicates();
        assertThat(bed.download(OWNER, upper).body().toString()).isEqualTo("upper");
        assertThat(bed.download(OWNER, lower).body().toString()).isEqualTo("lower");
        assertThat(bed.download(OWNER, decomposed).body().toString()).isEqualTo("decomposed");
        assertThat(((JsonObject) bed.call("getUpload", OWNER, decomposed, null).body()).getString("name"))
                .isEqualTo("Caf\u00e9.txt");
        assertThat(bed.storedFiles()).hasSize(4);
    }

    @Test
    void aLinkPlantedInPlaceOfAStoredFileIsNeverFollowed() throws Exception {
        Files.writeString(bed.outside.resolve("secret.txt"), "outside secret");
        String id = bed.uploadId(OWNER, "note.txt", bytes("note"));
        Path stored = bed.storage.resolve("owner/" + id + ".txt");
        Files.delete(stored);
        Files.createSymbolicLink(stored, bed.outside.resolve("secret.txt"));

        assertCode(bed.failure(() -> bed.call("downloadUpload", OWNER, id, null)), ErrorCode.NOT_FOUND);
        assertCode(bed.failure(() -> resolve(OWNER, id)), ErrorCode.NOT_FOUND);
        bed.call("deleteUpload", OWNER, id, null);
        assertThat(stored).doesNotExist();
        assertThat(bed.outside.resolve("secret.txt")).hasContent("outside secret");
    }

    private JsonObject list(Principal who, JsonObject query) {
        return (JsonObject) bed.call("listUploads", who, null, query).body();
    }

    private JsonObject resolve(Principal who, String... ids) {
        return bed.internal(
                io.cial.protocol.UploadsActions.RESOLVE_FOR_TURN,
                new JsonObject().put("userId", who.userId()).put("ids", new JsonArray(List.of(ids))));
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").stream()
                .map(item -> ((JsonObject) item).getString("id"))
                .toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
