package io.cial.knowledge.impl;

import io.cial.knowledge.api.SkillEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one skill or command file into a catalog entry. The name of a command always comes from its path; a skill's
 * from its front-matter {@code name}, else its folder. The description is the front-matter {@code description}, else
 * the body's first paragraph. An {@code argument-hint} that YAML read as a list (written unquoted as {@code [x]}) is
 * reported as the text its author wrote. A malformed file keeps its path name, an empty description and its warning.
 */
final class SkillParser {

    private static final Pattern ARGUMENT_HINT_LINE = Pattern.compile("(?m)^argument-hint:(.*)$");

    private SkillParser() {}

    static SkillEntry parse(SkillFile file, byte[] bytes) {
        FrontMatter matter = FrontMatter.parse(bytes);
        List<String> warnings = new ArrayList<>(matter.warnings());
        if (matter.malformed()) {
            return entry(file, file.defaultName(), "", null, warnings);
        }
        Map<String, Object> fields = matter.fields();
        String name = file.kind().equals(SkillEntry.SKILL)
                ? text(fields, "name", warnings).orElse(file.defaultName())
                : file.defaultName();
        String description = text(fields, "description", warnings).orElseGet(matter::firstParagraph);
        return entry(file, name, description, argumentHint(fields, matter.yaml()), warnings);
    }

    /** An entry for a file that could not be read at all. */
    static SkillEntry unreadable(SkillFile file, String warning) {
        return entry(file, file.defaultName(), "", null, List.of(warning));
    }

    private static SkillEntry entry(
            SkillFile file, String name, String description, String argumentHint, List<String> warnings) {
        return new SkillEntry(
                file.kind(), name, description, argumentHint, file.source(), file.path(), false, List.copyOf(warnings));
    }

    /** A non-blank scalar field, trimmed; a list or map is reported and treated as absent. */
    private static Optional<String> text(Map<String, Object> fields, String key, List<String> warnings) {
        Object value = fields.get(key);
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            warnings.add("'" + key + "' is not a string and was ignored");
            return Optional.empty();
        }
        String text = value == null ? "" : String.valueOf(value).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static String argumentHint(Map<String, Object> fields, String yaml) {
        Object value = fields.get("argument-hint");
        if (value == null) {
            return null;
        }
        String hint = value instanceof List<?> || value instanceof Map<?, ?>
                ? writtenText(yaml, value)
                : String.valueOf(value).strip();
        return hint.isEmpty() ? null : hint;
    }

    /** The value as written on its {@code argument-hint:} line, or a list's items joined when it spans lines. */
    private static String writtenText(String yaml, Object value) {
        Matcher line = ARGUMENT_HINT_LINE.matcher(yaml);
        if (line.find() && !line.group(1).isBlank()) {
            return line.group(1).strip();
        }
        if (value instanceof List<?> items) {
            return items.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        return String.valueOf(value);
    }
}
