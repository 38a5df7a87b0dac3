package io.cial.knowledge;

import static io.cial.knowledge.KnowledgeBed.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ApiException;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.ErrorCode;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class KnowledgeFilesTest {

    private static final long MAX_FILE = 1000;
    private static final long MAX_KNOWLEDGE = 2500;

    private KnowledgeBed bed;
    private Path root;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        bed = KnowledgeBed.start(vertx, dir, MAX_FILE, MAX_KNOWLEDGE);
        bed.create("docs", "");
        root = bed.filesOf("docs");
    }

    @Test
    void writesReplacesReadsAndListsFilesMakingFoldersAsNeeded() throws Exception {
        assertThat(bed.write("docs", "guide.md", "# Guide").status()).isEqualTo(201);
        assertThat(bed.write("docs", "api/v1/intro.md", "intro").status()).isEqualTo(201);
        ApiResponse replaced = bed.write("docs", "guide.md", "# Guide, v2");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(((JsonObject) replaced.body()).getLong("size")).isEqualTo(11);

        assertThat(treePaths(null)).containsExactly("api", "api/v1", "api/v1/intro.md", "guide.md");
        assertThat(treePaths("api")).containsExactly("api/v1", "api/v1/intro.md");

        KnowledgeBed.Download guide = bed.read("docs", "guide.md");
        assertThat(guide.text()).isEqualTo("# Guide, v2");
        JsonObject headers = guide.response().headers();
        assertThat(headers.getString("Content-Type")).isEqualTo("text/markdown");
        assertThat(headers.getString("Content-Length")).isEqualTo("11");
        assertThat(headers.getString("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getString("Content-Disposition")).startsWith("inline;");
    }

    @Test
    void servesActiveTypesAsAttachments() throws Exception {
        bed.write("docs", "page.html", "<script>alert(1)</script>");
        bed.write("docs", "logo.svg", "<svg/>");
        assertThat(bed.read("docs", "page.html").response().headers().getString("Content-Disposition"))
                .startsWith("attachment;");
        assertThat(bed.read("docs", "logo.svg").response().headers().getString("Content-Disposition"))
                .startsWith("attachment;");
    }

    @Test
    void movesRenamesAndDeletesFilesAndFolders() throws Exception {
        bed.write("docs", "a/one.md", "1");
        bed.write("docs", "two.md", "2");

        JsonObject moved = (JsonObject) move("a/one.md", "b/c/one.md", false).body();
        assertThat(moved.getString("path")).isEqualTo("b/c/one.md");
        assertCode(bed.failure(() -> move("two.md", "b/c/one.md", false)), ErrorCode.CONFLICT);
        move("two.md", "b/c/one.md", true);
        assertThat(bed.read("docs", "b/c/one.md").text()).isEqualTo("2");
        assertCode(bed.failure(() -> move("b", "b/c/inner", false)), ErrorCode.VALIDATION_FAILED);
        assertCode(bed.failure(() -> move("missing.md", "x.md", false)), ErrorCode.NOT_FOUND);

        deleteFile("b");
        assertThat(treePaths(null)).containsExactly("a");
        assertCode(bed.failure(() -> deleteFile("b")), ErrorCode.NOT_FOUND);
    }

    @Test
    void rejectsEveryPathAttackAndWritesNothingOutsideTheKnowledge() throws Exception {
        bed.write("docs", "guide.md", "safe");
        List<String> attacks = List.of(
                "../pwned",
                "a/../../pwned",
                "..",
                "./pwned",
                "%2e%2e/pwned",
                "%2E%2E%2Fpwned",
                "%252e%252e/pwned",
                "/tmp/pwned",
                bed.outside.resolve("pwned").toString(),
                "C:/pwned",
                "a\u0000b/pwned",
                "a%00b",
                "..\\pwned",
                "%c0%ae%c0%ae/pwned",
                "bad\uD800name",
                "bad\uFFFDname",
                "x".repeat(256),
                "é".repeat(128),
                "a/".repeat(40) + "pwned",
                "line\nbreak",
                "",
                "a//b",
                "a/",
                ".cial-tmp-pwned");
        for (String attack : attacks) {
            assertCode(bed.failure(() -> write(attack)), ErrorCode.INVALID_PATH);
            assertCode(bed.failure(() -> bed.read("docs", attack)), ErrorCode.INVALID_PATH);
            assertCode(bed.failure(() -> move("guide.md", attack, true)), ErrorCode.INVALID_PATH);
            assertCode(bed.failure(() -> move(attack, "moved.md", true)), ErrorCode.INVALID_PATH);
            assertCode(bed.failure(() -> deleteFile(attack)), ErrorCode.INVALID_PATH);
        }
        assertThat(bed.outside).isEmptyDirectory();
        assertThat(filesNamed("pwned")).isEmpty();
        assertThat(treePaths(null)).containsExactly("guide.md");
        assertThat(bed.read("docs", "guide.md").text()).isEqualTo("safe");
    }

    @Test
    void aLinkPlantedToTheOutsideIsNeitherFollowedNorListed() throws Exception {
        Files.writeString(bed.outside.resolve("secret.txt"), "outside secret");
        Files.createSymbolicLink(root.resolve("escape"), bed.outside);
        Files.createSymbolicLink(root.resolve("secret.txt"), bed.outside.resolve("secret.txt"));
        bed.write("docs", "guide.md", "safe");
        Files.createSymbolicLink(root.resolve("alias.md"), root.resolve("guide.md"));

        assertCode(bed.failure(() -> bed.read("docs", "secret.txt")), ErrorCode.INVALID_PATH);
        assertCode(bed.failure(() -> bed.read("docs", "escape/secret.txt")), ErrorCode.INVALID_PATH);
        assertCode(bed.failure(() -> write("escape/pwned")), ErrorCode.INVALID_PATH);
        assertCode(bed.failure(() -> write("secret.txt/pwned")), ErrorCode.INVALID_PATH);
        assertCode(bed.failure(() -> move("guide.md", "escape/guide.md", false)), ErrorCode.INVALID_PATH);
        assertCode(bed.failure(() -> treePaths("escape")), ErrorCode.INVALID_PATH);
        assertThat(treePaths(null)).containsExactly("alias.md", "guide.md");
        assertThat(bed.read("docs", "alias.md").text()).isEqualTo("safe");

        deleteFile("escape");
        deleteFile("secret.txt");
        assertThat(root.resolve("escape")).doesNotExist();
        assertThat(bed.outside.resolve("secret.txt")).hasContent("outside secret");
        assertThat(bed.outside).isDirectoryContaining(path -> path.endsWith("secret.txt"));
        assertThat(filesNamed("pwned")).isEmpty();
    }

    @Test
    void namesThatDifferOnlyByCaseOrNormalisationNeverCollideSilently() throws Exception {
        bed.write("docs", "README.md", "upper");
        assertCode(bed.failure(() -> write("Readme.md")), ErrorCode.CONFLICT);
        assertCode(bed.failure(() -> write("readme.md")), ErrorCode.CONFLICT);
        bed.write("docs", "Guides/a.md", "a");
        assertCode(bed.failure(() -> write("guides/b.md")), ErrorCode.CONFLICT);

        String composed = "Caf\u00e9.md";
        String decomposed = "Cafe\u0301.md";
        assertThat(bed.write("docs", composed, "first").status()).isEqualTo(201);
        ApiResponse second = bed.write("docs", decomposed, "second");
        assertThat(second.status()).as("the same name once normalised").isEqualTo(200);
        assertThat(((JsonObject) second.body()).getString("path")).isEqualTo(composed);
        assertThat(bed.read("docs", decomposed).text()).isEqualTo("second");

        Files.writeString(root.resolve("Nai\u0308ve.md"), "planted decomposed");
        assertCode(bed.failure(() -> write("Na\u00efve.md")), ErrorCode.CONFLICT);

        move("README.md", "Readme.md", false);
        assertThat(treePaths(null))
                .containsExactly("Caf\u00e9.md", "Guides", "Guides/a.md", "Nai\u0308ve.md", "Readme.md");
        assertThat(bed.read("docs", "Readme.md").text()).isEqualTo("upper");
    }

    @Test
    void aFileOverTheLimitIsRefusedWithNothingLeftBehind() throws Exception {
        byte[] big = new byte[(int) MAX_FILE + 1];
        bed.write("docs", "keep.txt", "original");

        ApiException declared = bed.failure(() -> writeBytes("deep/er/big.bin", big, true));
        assertCode(declared, ErrorCode.TOO_LARGE);
        assertThat(declared.getMessage()).contains("per file");
        assertCode(bed.failure(() -> writeBytes("deep/er/big.bin", big, false)), ErrorCode.TOO_LARGE);
        assertCode(bed.failure(() -> writeBytes("keep.txt", big, false)), ErrorCode.TOO_LARGE);

        assertThat(bed.read("docs", "keep.txt").text()).isEqualTo("original");
        assertThat(treePaths(null)).containsExactly("keep.txt");
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.map(path -> root.relativize(path).toString())).containsExactlyInAnyOrder("", "keep.txt");
        }
    }

    @Test
    void theKnowledgeLimitCountsEveryFileButTheOneBeingReplaced() throws Exception {
        byte[] nineHundred = new byte[900];
        writeBytes("one.bin", nineHundred, true);
        writeBytes("two.bin", nineHundred, true);
        assertThat(writeBytes("two.bin", nineHundred, false).status()).isEqualTo(200);

        ApiException full = bed.failure(() -> writeBytes("three.bin", nineHundred, false));
        assertCode(full, ErrorCode.TOO_LARGE);
        assertThat(full.getMessage()).contains("knowledge 'docs'", "2500");
        assertThat(treePaths(null)).containsExactly("one.bin", "two.bin");
        assertThat(writeBytes("three.bin", new byte[700], true).status()).isEqualTo(201);
    }

    private void write(String path) {
        writeBytes(path, "pwned".getBytes(StandardCharsets.UTF_8), true);
    }

    private ApiResponse writeBytes(String path, byte[] bytes, boolean declareLength) {
        try {
            return bed.write("docs", path, bytes, declareLength);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ApiResponse move(String from, String to, boolean overwrite) {
        return bed.call(
                "moveKnowledgeFile",
                new JsonObject().put("name", "docs"),
                null,
                new JsonObject().put("from", from).put("to", to).put("overwrite", overwrite));
    }

    private void deleteFile(String path) {
        bed.call("deleteKnowledgeFile", new JsonObject().put("name", "docs"), new JsonObject().put("path", path), null);
    }

    private List<String> treePaths(String folder) {
        JsonObject query = folder == null ? null : new JsonObject().put("path", folder);
        JsonArray entries = ((JsonObject)
                        bed.call("listKnowledgeTree", new JsonObject().put("name", "docs"), query, null)
                                .body())
                .getJsonArray("entries");
        return entries.stream().map(e -> ((JsonObject) e).getString("path")).toList();
    }

    /** Every file or folder of the test's whole temporary tree with this name. */
    private List<Path> filesNamed(String name) throws Exception {
        try (Stream<Path> all = Files.walk(bed.data.getParent())) {
            return all.filter(path -> path.getFileName().toString().equals(name))
                    .toList();
        }
    }
}
