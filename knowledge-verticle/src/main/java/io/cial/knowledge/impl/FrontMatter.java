package io.cial.knowledge.impl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A Markdown file split into its YAML front matter and its body, as real skill and command files are written: a UTF-8
 * BOM is dropped, CRLF and CR become LF, the front matter opens with a first line {@code ---} and closes at the next
 * line {@code ---} (trailing blanks allowed on both), and is read as YAML 1.2 with the core schema (so {@code yes} and
 * {@code on} stay strings). A file without an opening line is all body.
 *
 * @param fields the front matter's keys, empty when there is none; null when the file is malformed
 * @param yaml the front matter's raw text (LF line ends), empty when there is none
 * @param body everything after the closing line
 * @param warnings why the file is malformed or was not read as written, empty if nothing went wrong
 */
record FrontMatter(Map<String, Object> fields, String yaml, String body, List<String> warnings) {

    private static final Pattern FENCE = Pattern.compile("---[ \\t]*");

    boolean malformed() {
        return fields == null;
    }

    static FrontMatter parse(byte[] bytes) {
        List<String> warnings = new ArrayList<>();
        String text = decode(bytes, warnings);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        if (!FENCE.matcher(lines[0]).matches()) {
            return new FrontMatter(Map.of(), "", String.join("\n", lines), warnings);
        }
        int close = 1;
        while (close < lines.length && !FENCE.matcher(lines[close]).matches()) {
            close++;
        }
        if (close == lines.length) {
            warnings.add("the front matter opened with '---' is never closed");
            return new FrontMatter(null, "", "", warnings);
        }
        String yaml = String.join("\n", Arrays.asList(lines).subList(1, close));
        String body = String.join("\n", Arrays.asList(lines).subList(close + 1, lines.length));
        return new FrontMatter(load(yaml, warnings), yaml, body, warnings);
    }

    /** The first paragraph of the body: its first run of non-blank lines, joined with LF and trimmed. */
    String firstParagraph() {
        List<String> paragraph = new ArrayList<>();
        for (String line : body.split("\n", -1)) {
            if (!line.isBlank()) {
                paragraph.add(line);
            } else if (!paragraph.isEmpty()) {
                break;
            }
        }
        return String.join("\n", paragraph).strip();
    }

    private static String decode(byte[] bytes, List<String> warnings) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            warnings.add("the file is not valid UTF-8; undecodable bytes were replaced");
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml, List<String> warnings) {
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(20)
                .build();
        Object document;
        try {
            document = new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            warnings.add("the front matter is not valid YAML: " + problem(e));
            return null;
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            warnings.add("the front matter is not a YAML mapping");
            return null;
        }
        return (Map<String, Object>) map;
    }

    private static String problem(YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException marked && marked.getProblem() != null) {
            return marked.getProblem()
                    + marked.getProblemMark()
                            .map(mark -> " (line " + (mark.getLine() + 2) + ")")
                            .orElse("");
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
    }
}
