package io.cial.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DownloadHeadersTest {

    @Test
    void encodesTheOriginalNameForRfc6266() {
        assertThat(DownloadHeaders.contentDisposition("attachment", "r\u00e9sum\u00e9 \"final\" 100%.pdf"))
                .isEqualTo("attachment; filename=\"r_sum_ _final_ 100_.pdf\";"
                        + " filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%20100%25.pdf");
    }

    @Test
    void servesActiveAndOpaqueTypesAsAttachmentsAndOthersInline() {
        assertThat(disposition("a.html", "text/html")).startsWith("attachment;");
        assertThat(disposition("a.svg", "image/svg+xml")).startsWith("attachment;");
        assertThat(disposition("a.xml", "application/atom+xml")).startsWith("attachment;");
        assertThat(disposition("a.js", "text/javascript")).startsWith("attachment;");
        assertThat(disposition("a.bin", "application/octet-stream")).startsWith("attachment;");
        assertThat(disposition("a.png", "image/png")).startsWith("inline;");
        assertThat(disposition("a.pdf", "application/pdf")).startsWith("inline;");

        JsonObject headers = DownloadHeaders.forFile("page.htm", null, 12);
        assertThat(headers.getString("Content-Type")).isEqualTo("text/html");
        assertThat(headers.getString("Content-Length")).isEqualTo("12");
        assertThat(headers.getString("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void keepsOnlyAValidDeclaredMediaType() {
        assertThat(DownloadHeaders.normalize("Image/PNG; charset=x")).isEqualTo("image/png");
        assertThat(DownloadHeaders.normalize("text/html\r\nX-Evil: 1")).isNull();
        assertThat(DownloadHeaders.normalize("nonsense")).isNull();
        assertThat(DownloadHeaders.normalize(null)).isNull();
        assertThat(DownloadHeaders.guess("notes.MD")).isEqualTo("text/markdown");
        assertThat(DownloadHeaders.guess("noext")).isEqualTo(DownloadHeaders.OCTET_STREAM);
    }

    private static String disposition(String name, String type) {
        return DownloadHeaders.forFile(name, type, 1).getString("Content-Disposition");
    }
}
