package io.cial.knowledge.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One slash name of the skills catalog.
 *
 * @param kind {@code skill} ({@code .claude/skills/<folder>/SKILL.md}) or {@code command} ({@code
 *     .claude/commands/**}{@code /*.md})
 * @param name the slash name: a skill's front-matter name or its folder; a command's path without {@code .md}, with
 *     {@code :} between folders
 * @param description the front-matter description, else the first paragraph of the body, else ""
 * @param argumentHint the front-matter {@code argument-hint}, or null
 * @param source {@code project} (the workspace's {@code .claude}) or {@code user} (the engine HOME's)
 * @param path the file, relative to the workspace or the engine HOME, '/'-separated
 * @param shadowed true when invoking the name runs another entry: a skill wins over a command, a user-level entry over
 *     a project one of the same kind
 * @param warnings why the file could not be read as written (malformed front matter, a non-string field), empty if
 *     none
 */
public record SkillEntry(
        String kind,
        String name,
        String description,
        String argumentHint,
        String source,
        String path,
        boolean shadowed,
        List<String> warnings) {

    public static final String SKILL = "skill";
    public static final String COMMAND = "command";
    public static final String PROJECT = "project";
    public static final String USER = "user";

    public SkillEntry withShadowed(boolean value) {
        return new SkillEntry(kind, name, description, argumentHint, source, path, value, warnings);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("kind", kind)
                .put("name", name)
                .put("description", description)
                .put("argumentHint", argumentHint)
                .put("source", source)
                .put("path", path);
        if (shadowed) {
            json.put("shadowed", true);
        }
        if (!warnings.isEmpty()) {
            json.put("warnings", new JsonArray(List.copyOf(warnings)));
        }
        return json;
    }
}
