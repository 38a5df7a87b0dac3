package io.cial.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "../x",
                "a/../../x",
                "a/..",
                ".",
                "./x",
                "%2e%2e/x",
                "%2E%2E",
                "..%2fx",
                "%252e%252e/x",
                "/etc/passwd",
                "%2fetc%2fpasswd",
                "C:/x",
                "c:x",
                "a\\b",
                "a%5c..%5cx",
                "a\u0000b",
                "a%00b",
                "tab\there",
                "del\u007f",
                "%c0%ae%c0%ae/x",
                "%ff",
                "lone\uD800",
                "lone\uDC00",
                "bad\uFFFD",
                "",
                "a//b",
                "a/",
                "/",
                ".cial-tmp-1",
                "a/.cial-x"
            })
    void rejectsWithInvalidPath(String raw) {
        assertThatThrownBy(() -> SafePaths.segments(raw, "path")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PATH);
            assertThat(e.getMessage()).startsWith("path ");
        });
    }

    @Test
    void rejectsLongNamesDeepPathsAndLongPaths() {
        assertInvalid("n".repeat(SafePaths.MAX_NAME_BYTES + 1), "longer than 255 bytes");
        assertInvalid("\u00e9".repeat(128), "longer than 255 bytes");
        assertInvalid("a/".repeat(SafePaths.MAX_DEPTH) + "x", "segments");
        assertInvalid("abcdefgh/".repeat(114), "longer than 1024 characters");
        assertThat(SafePaths.segments("n".repeat(SafePaths.MAX_NAME_BYTES), "path"))
                .hasSize(1);
    }

    @Test
    void acceptsPlainRelativePathsAndNormalisesThemToNfc() {
        assertThat(SafePaths.segments("docs/Cafe\u0301 menu.md", "path")).containsExactly("docs", "Caf\u00e9 menu.md");
        assertThat(SafePaths.segments("100%.txt", "path")).containsExactly("100%.txt");
        assertThat(SafePaths.segments("a%20b", "path")).containsExactly("a%20b");
        assertThat(SafePaths.segments("..hidden/x..y", "path")).containsExactly("..hidden", "x..y");
        assertThat(SafePaths.name("report.pdf", "filename")).isEqualTo("report.pdf");
        assertThatThrownBy(() -> SafePaths.name("a/b", "filename")).isInstanceOf(ApiException.class);
    }

    @Test
    void resolvesInsideButNotThroughALinkToTheOutside() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root")).toRealPath();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(root.resolve("inner"));
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("in"), root.resolve("inner"));
        Files.createSymbolicLink(root.resolve("dangling"), dir.resolve("nowhere"));

        assertThat(SafePaths.resolveInside(root, List.of("new", "file.txt"), "path"))
                .isEqualTo(root.resolve("new/file.txt"));
        assertThat(SafePaths.resolveInside(root, List.of("in", "file.txt"), "path"))
                .isEqualTo(root.resolve("in/file.txt"));
        for (List<String> escape : List.of(List.of("out"), List.of("out", "new.txt"), List.of("dangling", "x"))) {
            assertThatThrownBy(() -> SafePaths.resolveInside(root, escape, "path"))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PATH));
        }
    }

    @Test
    void findsTwinsThatDifferOnlyByCaseOrNormalisation() throws Exception {
        Files.createFile(dir.resolve("README.md"));
        Files.createFile(dir.resolve("Nai\u0308ve.md"));

        assertThat(SafePaths.findTwin(dir, "readme.md")).contains("README.md");
        assertThat(SafePaths.findTwin(dir, "Na\u00efve.md")).contains("Nai\u0308ve.md");
        assertThat(SafePaths.findTwin(dir, "README.md")).isEmpty();
        assertThat(SafePaths.findTwin(dir, "other.md")).isEmpty();
    }

    private static void assertInvalid(String raw, String reason) {
        assertThatThrownBy(() -> SafePaths.segments(raw, "path")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PATH);
            assertThat(e.getMessage()).contains(reason);
        });
    }
}
