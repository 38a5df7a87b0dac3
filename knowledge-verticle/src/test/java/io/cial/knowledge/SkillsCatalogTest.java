package io.cial.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SkillsCatalogTest {

    private KnowledgeBed bed;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        bed = KnowledgeBed.start(vertx, dir, 1024, 1024);
    }

    @Test
    void matchesTheSharedRealWorldCatalogEntryForEntry() throws Exception {
        Path fixture = catalogA();
        copyTree(fixture.resolve(".claude"), bed.workspace.resolve(".claude"));
        JsonArray expected = new JsonArray(Files.readString(fixture.resolve("expected.json")));
        Set<String> skillNames = expected.stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("kind").equals("skill"))
                .map(e -> e.getString("name"))
                .collect(Collectors.toSet());

        JsonArray actual = skills();

        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonObject want = expected.getJsonObject(i);
            JsonObject got = actual.getJsonObject(i);
            String at = want.getString("path");
            assertThat(got.getString("kind")).as(at).isEqualTo(want.getString("kind"));
            assertThat(got.getString("name")).as(at).isEqualTo(want.getString("name"));
            assertThat(got.getString("description")).as(at).isEqualTo(want.getString("description"));
            assertThat(got.getString("argumentHint")).as(at).isEqualTo(want.getString("argumentHint"));
            assertThat(got.getString("path")).as(at).isEqualTo(at);
            assertThat(got.getString("source")).as(at).isEqualTo("project");
            assertThat(got.containsKey("warnings")).as(at).isEqualTo(want.getBoolean("parseWarning", false));
            boolean shadowed = want.getString("kind").equals("command") && skillNames.contains(want.getString("name"));
            assertThat(got.getBoolean("shadowed", false)).as(at).isEqualTo(shadowed);
        }
    }

    @Test
    void readsEmptyFrontMatterAndACommandWithCrlfAndABom() throws Exception {
        write(".claude/skills/empty/SKILL.md", "---\n---\n\nFirst paragraph,\nsecond line.\n\nNot this.\n");
        write(
                ".claude/commands/ops/deploy.md",
                "\uFEFF---\r\ndescription: Deploy the app\r\nargument-hint: <env>\r\n---\r\n\r\nDeploy to $1.\r\n");

        JsonObject command = entry("ops:deploy");
        assertThat(command.getString("description")).isEqualTo("Deploy the app");
        assertThat(command.getString("argumentHint")).isEqualTo("<env>");
        assertThat(command.containsKey("warnings")).isFalse();
        JsonObject skill = entry("empty");
        assertThat(skill.getString("description")).isEqualTo("First paragraph,\nsecond line.");
        assertThat(skill.containsKey("warnings")).isFalse();
    }

    @Test
    void readsYamlOnePointTwoScalarsAndReportsWhatItCannotRead() throws Exception {
        write(".claude/commands/yes.md", "---\ndescription: on\nargument-hint: yes\n---\n");
        write(
                ".claude/commands/listed.md",
                "---\nargument-hint:\n  - first\n  - second\ndescription: [a, b]\n---\nBody.");
        write(".claude/commands/open.md", "---\ndescription: never closed\n");
        write(".claude/commands/scalar.md", "---\njust a string\n---\nBody.");
        write(".claude/skills/SKILL.MD/SKILL.MD", "---\ndescription: wrong case\n---\n");

        assertThat(entry("yes").getString("description")).isEqualTo("on");
        assertThat(entry("yes").getString("argumentHint")).isEqualTo("yes");
        JsonObject listed = entry("listed");
        assertThat(listed.getString("argumentHint")).isEqualTo("first second");
        assertThat(listed.getString("description")).isEqualTo("Body.");
        assertThat(listed.getJsonArray("warnings").getString(0)).contains("'description' is not a string");
        JsonObject open = entry("open");
        assertThat(open.getString("description")).isEmpty();
        assertThat(open.getJsonArray("warnings").getString(0)).contains("never closed");
        assertThat(entry("scalar").getJsonArray("warnings").getString(0)).contains("not a YAML mapping");
        assertThat(names()).doesNotContain("SKILL.MD");
    }

    @Test
    void listsUserLevelEntriesFromTheEngineHomeAndMarksWhatTheyShadow() throws Exception {
        write(".claude/skills/review/SKILL.md", "---\ndescription: project review\n---\n");
        write(".claude/commands/review.md", "---\ndescription: review command\n---\n");
        Path user = bed.engineHome.resolve(".claude/skills/review/SKILL.md");
        Files.createDirectories(user.getParent());
        Files.writeString(user, "---\ndescription: my review\n---\n");

        JsonArray all = skills();
        assertThat(all.stream().map(e -> describe((JsonObject) e)))
                .containsExactly(
                        "command review project shadowed", "skill review project shadowed", "skill review user");
        assertThat(all.getJsonObject(2).getString("path")).isEqualTo(".claude/skills/review/SKILL.md");
    }

    @Test
    void followsChangesOnDiskWithoutARestart() throws Exception {
        Path file = write(".claude/commands/build.md", "---\ndescription: Build it\n---\n");
        assertThat(entry("build").getString("description")).isEqualTo("Build it");

        Files.writeString(file, "---\ndescription: Build everything, twice\n---\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        write(".claude/skills/fresh/SKILL.md", "---\ndescription: New skill\n---\n");
        assertThat(entry("build").getString("description")).isEqualTo("Build everything, twice");
        assertThat(entry("fresh").getString("description")).isEqualTo("New skill");

        Files.delete(file);
        assertThat(names()).containsExactly("fresh");
    }

    /** The shared fixture: {@code cial.repo.root/../shared/fixtures/skills/}, searched upwards from a worktree. */
    static Path catalogA() {
        Path repo = Path.of(System.getProperty("cial.repo.root", "."))
                .toAbsolutePath()
                .normalize();
        for (Path at = repo.getParent(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("shared/fixtures/skills/catalog-a");
            if (Files.isRegularFile(candidate.resolve("expected.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures/skills/catalog-a not found above " + repo);
    }

    private Path write(String relative, String content) throws IOException {
        Path file = bed.workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    private JsonArray skills() {
        return ((JsonObject) bed.call("listSkills", null, null, null).body()).getJsonArray("skills");
    }

    private List<String> names() {
        return skills().stream().map(e -> ((JsonObject) e).getString("name")).toList();
    }

    private JsonObject entry(String name) {
        return skills().stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name + " in " + skills()));
    }

    private static String describe(JsonObject entry) {
        return entry.getString("kind") + " " + entry.getString("name") + " " + entry.getString("source")
                + (entry.getBoolean("shadowed", false) ? " shadowed" : "");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
