package io.cial.protocol;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Response headers for serving a stored file to a browser without letting it run as part of the instance's origin:
 * the media type, {@code X-Content-Type-Options: nosniff}, a sandboxing Content-Security-Policy, and a
 * Content-Disposition (RFC 6266) that carries the original name both as an ASCII fallback and as UTF-8 {@code
 * filename*} (RFC 8187). Active types (HTML, SVG, XML, JavaScript) and opaque bytes are served as attachments,
 * everything else inline.
 */
public final class DownloadHeaders {

    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Pattern MEDIA_TYPE =
            Pattern.compile("^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$");
    private static final Set<String> ACTIVE = Set.of(
            "text/html",
            "application/xhtml+xml",
            "image/svg+xml",
            "text/xml",
            "application/xml",
            "text/xsl",
            "text/javascript",
            "application/javascript",
            "application/x-javascript",
            "text/ecmascript",
            "application/ecmascript",
            "application/x-shockwave-flash");
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"),
            Map.entry("log", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("markdown", "text/markdown"),
            Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("json", "application/json"),
            Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"),
            Map.entry("xml", "application/xml"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"),
            Map.entry("css", "text/css"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"));

    private DownloadHeaders() {}

    /**
     * The headers of a download of {@code size} bytes named {@code fileName}: inline unless the type is active.
     *
     * @param contentType a type accepted by {@link #normalize}, or null to guess from the name
     */
    public static JsonObject forFile(String fileName, String contentType, long size) {
        String type = contentType == null ? guess(fileName) : contentType;
        return new JsonObject()
                .put("Content-Type", type)
                .put("Content-Length", Long.toString(size))
                .put("Content-Disposition", contentDisposition(inline(type) ? "inline" : "attachment", fileName))
                .put("X-Content-Type-Options", "nosniff")
                .put("Content-Security-Policy", "default-src 'none'; sandbox");
    }

    /** Opaque bytes are offered for saving; active types must never render in the instance's origin. */
    private static boolean inline(String type) {
        return !isActive(type) && !type.equals(OCTET_STREAM);
    }

    /** Whether a browser could execute a body of this type in the page's origin. */
    public static boolean isActive(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return ACTIVE.contains(type) || type.endsWith("+xml");
    }

    /** The media type for a file name's extension, or {@value #OCTET_STREAM}. */
    public static String guess(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return OCTET_STREAM;
        }
        return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
    }

    /** A client-declared media type as a valid lower-case {@code type/subtype} without parameters, or null. */
    public static String normalize(String declared) {
        if (declared == null) {
            return null;
        }
        int semicolon = declared.indexOf(';');
        String type = (semicolon < 0 ? declared : declared.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        return MEDIA_TYPE.matcher(type).matches() ? type : null;
    }

    /** {@code disposition; filename="ascii fallback"; filename*=UTF-8''percent-encoded} per RFC 6266 and RFC 8187. */
    public static String contentDisposition(String disposition, String fileName) {
        return disposition + "; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + encode(fileName);
    }

    private static String asciiFallback(String fileName) {
        StringBuilder out = new StringBuilder(fileName.length());
        for (char c : fileName.toCharArray()) {
            boolean plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%';
            out.append(plain ? c : '_');
        }
        return out.toString();
    }

    private static String encode(String fileName) {
        StringBuilder out = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
