package io.cial.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one check of file paths and names that callers supply, shared by every area that stores files in a folder of
 * its own. A path is accepted only as a relative, '/'-separated list of plain names; it is normalised to Unicode NFC,
 * so that names a client composes differently address the same file. Every rejection is an {@link ApiException} with
 * {@link ErrorCode#INVALID_PATH} (400) whose message names the field and the rule it breaks.
 *
 * <p>Rejected: an empty path; more than {@value #MAX_PATH_CHARS} characters or {@value #MAX_DEPTH} segments; a name
 * longer than {@value #MAX_NAME_BYTES} UTF-8 bytes; an absolute path ({@code /x}, {@code C:x}); a backslash; NUL or
 * any other control character; text that was not valid UTF-8 (unpaired surrogates, U+FFFD); empty, {@code .} and
 * {@code ..} segments; names starting with {@value #RESERVED_PREFIX}, which the server keeps for its temporary files;
 * and all of these again in the percent-decoded form of a path that contains {@code %}, so that a doubly encoded
 * {@code %2e%2e} cannot slip through a layer that decodes once more.
 *
 * <p>{@link #resolveInside} then places a checked path under a folder and proves, following symbolic links of every
 * part that exists, that it stays inside. Those methods touch the file system: call them on a worker.
 */
public final class SafePaths {

    /** The longest name of one file or folder, in UTF-8 bytes (the limit of common file systems). */
    public static final int MAX_NAME_BYTES = 255;
    /** The longest path, in characters. */
    public static final int MAX_PATH_CHARS = 1024;
    /** The most segments a path may have. */
    public static final int MAX_DEPTH = 32;
    /** The prefix of names the server keeps for itself. */
    public static final String RESERVED_PREFIX = ".cial-";

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");
    private static final int MAX_DECODE_ROUNDS = 3;

    private SafePaths() {}

    /**
     * Checks a relative path and returns its NFC-normalised segments.
     *
     * @param field the request field the path came from, named in the error message
     * @throws ApiException {@code invalid_path} when any rule is broken
     */
    public static List<String> segments(String raw, String field) {
        checkText(raw, field, "");
        checkDecoded(raw, field);
        String path = Normalizer.normalize(raw, Normalizer.Form.NFC);
        List<String> segments = List.of(path.split("/", -1));
        if (segments.size() > MAX_DEPTH) {
            throw invalid(field, "has more than %d segments", MAX_DEPTH);
        }
        segments.forEach(segment -> checkSegment(segment, field));
        return segments;
    }

    /** Checks a single name (one segment, no '/') and returns it NFC-normalised. */
    public static String name(String raw, String field) {
        List<String> segments = segments(raw, field);
        if (segments.size() != 1) {
            throw invalid(field, "must be a plain name without '/'");
        }
        return segments.get(0);
    }

    /** The path of checked segments joined with '/'. */
    public static String join(List<String> segments) {
        return String.join("/", segments);
    }

    /**
     * Places checked {@code segments} under {@code realRoot} (a folder given by its real path) and proves that the
     * result stays inside it: the deepest part of the path that exists is resolved through every symbolic link and
     * must lie under {@code realRoot}; parts that do not exist yet will be created below it. Touches the disk.
     *
     * @return the path under {@code realRoot}, not resolved through links
     * @throws ApiException {@code invalid_path} when the path leads outside or through a broken link
     */
    public static Path resolveInside(Path realRoot, List<String> segments, String field) {
        Path candidate = realRoot;
        for (String segment : segments) {
            candidate = candidate.resolve(segment);
        }
        Path existing = candidate;
        while (!existing.equals(realRoot) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        checkInside(realRoot, existing, field);
        return candidate;
    }

    /**
     * Proves that {@code path}, which exists, resolves (through every symbolic link) to {@code realRoot} or below it.
     * Touches the disk.
     */
    public static void checkInside(Path realRoot, Path path, String field) {
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw invalid(field, "leads through a broken or unreadable link");
        }
        if (!real.startsWith(realRoot)) {
            throw invalid(field, "resolves outside its folder");
        }
    }

    /**
     * An existing entry of {@code folder} whose name differs from {@code name} only by letter case or Unicode
     * normalisation, if there is one. Such twins would silently become one file on a case-insensitive or normalising
     * file system (macOS, Windows), so callers refuse to create the second one. Touches the disk.
     */
    public static Optional<String> findTwin(Path folder, String name) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        String folded = fold(name);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String existing = entry.getFileName().toString();
                if (!existing.equals(name) && fold(existing).equals(folded)) {
                    return Optional.of(existing);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fold(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static void checkText(String raw, String field, String how) {
        if (raw == null || raw.isEmpty()) {
            throw invalid(field, "is empty%s", how);
        }
        if (raw.length() > MAX_PATH_CHARS) {
            throw invalid(field, "is longer than %d characters", MAX_PATH_CHARS);
        }
        for (int i = 0; i < raw.length(); i++) {
            checkChar(raw, i, field, how);
        }
        if (raw.startsWith("/") || DRIVE.matcher(raw).lookingAt()) {
            throw invalid(field, "must be relative, not absolute%s", how);
        }
        for (String segment : raw.split("/", -1)) {
            if (segment.equals("..")) {
                throw invalid(field, "must not contain '..' segments%s", how);
            }
        }
    }

    private static void checkChar(String raw, int i, String field, String how) {
        char c = raw.charAt(i);
        if (c == 0) {
            throw invalid(field, "contains a NUL character%s", how);
        }
        if (c < 0x20 || c == 0x7f) {
            throw invalid(field, "contains a control character%s", how);
        }
        if (c == '\\') {
            throw invalid(field, "contains a backslash; use '/' between folders%s", how);
        }
        boolean unpairedHigh =
                Character.isHighSurrogate(c) && (i + 1 >= raw.length() || !Character.isLowSurrogate(raw.charAt(i + 1)));
        boolean unpairedLow = Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(raw.charAt(i - 1)));
        if (c == '\uFFFD' || unpairedHigh || unpairedLow) {
            throw invalid(field, "is not valid UTF-8%s", how);
        }
    }

    /** Repeats the text checks on each percent-decoded form, so no decoding layer can turn a name into an attack. */
    private static void checkDecoded(String raw, String field) {
        String current = raw;
        for (int round = 0; round < MAX_DECODE_ROUNDS && current.indexOf('%') >= 0; round++) {
            Optional<String> decoded = percentDecode(current, field);
            if (decoded.isEmpty() || decoded.get().equals(current)) {
                return;
            }
            current = decoded.get();
            checkText(current, field, " once percent-decoded");
        }
    }

    /** The percent-decoded text, or empty when {@code text} holds no valid escapes (a literal '%', e.g. "100%"). */
    private static Optional<String> percentDecode(String text, String field) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else if (bytes[i] == '%') {
                return Optional.empty();
            } else {
                out.write(bytes[i]);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            throw invalid(field, "is not valid UTF-8 once percent-decoded");
        }
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static void checkSegment(String segment, String field) {
        if (segment.isEmpty()) {
            throw invalid(field, "has an empty segment (a leading, trailing or doubled '/')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw invalid(field, "must not contain '.' or '..' segments");
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw invalid(field, "has a name longer than %d bytes", MAX_NAME_BYTES);
        }
        if (segment.startsWith(RESERVED_PREFIX)) {
            throw invalid(field, "uses the prefix '%s', which is reserved for the server", RESERVED_PREFIX);
        }
    }

    private static ApiException invalid(String field, String rule, Object... args) {
        return ApiException.of(ErrorCode.INVALID_PATH, "%s " + rule, prepend(field, args));
    }

    private static Object[] prepend(String field, Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = field;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
