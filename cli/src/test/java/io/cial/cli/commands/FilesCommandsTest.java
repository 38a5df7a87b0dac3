package io.cial.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.cli.Cli;
import io.cial.cli.CliException;
import io.cial.cli.WithInstance;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code knowledges}, {@code skills}, {@code uploads} and {@code system} against a real instance. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FilesCommandsTest extends WithInstance {

    @TempDir
    Path files;

    @Test
    void knowledgeWithFilesPutGetMoveAndDelete() throws Exception {
        Path notes = Files.writeString(files.resolve("notes.md"), "Ship on Fridays? Never.\n");
        byte[] binary = {0, 1, 2, (byte) 0xff, 10, 13};
        Path blob = Files.write(files.resolve("blob.bin"), binary);

        Cli.Result created = cli().run(
                        "knowledges",
                        "create",
                        "team-notes",
                        "--description",
                        "What we agreed",
                        "--instructions",
                        "Read notes/ first.");
        Cli.Result put = cli().run("knowledges", "put", "team-notes", "notes/agreed.md", notes.toString());
        Cli.Result putBlob = cli().run("knowledges", "put", "team-notes", "data/blob.bin", blob.toString());
        Cli.Result tree = cli().run("knowledges", "tree", "team-notes");
        Cli.Result get = cli().run("knowledges", "get", "team-notes", "notes/agreed.md");
        Cli.Result getBinary = cli().run("knowledges", "get", "team-notes", "data/blob.bin");
        Path saved = files.resolve("saved.bin");
        Cli.Result save = cli().run("knowledges", "get", "team-notes", "data/blob.bin", "-o", saved.toString());
        Cli.Result moved = cli().run("knowledges", "mv", "team-notes", "notes/agreed.md", "archive/agreed.md");
        Cli.Result list = cli().run("knowledges", "list");
        Cli.Result removedFile = cli().run("knowledges", "rm-file", "team-notes", "archive");
        Cli.Result show = cli().run("knowledges", "show", "team-notes");
        Cli.Result removed = cli().run("knowledges", "rm", "team-notes");

        assertThat(List.of(created, put, putBlob, tree, get, save, moved, list, removedFile, show, removed))
                .allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isZero());
        assertThat(created.out()).containsPattern("instructions:\\s+Read notes/ first.");
        assertThat(put.out()).isEqualTo("wrote team-notes:notes/agreed.md (24 B)\n");
        assertThat(tree.out())
                .contains("notes/agreed.md")
                .contains("data/blob.bin")
                .contains("notes/");
        assertThat(get.out()).isEqualTo("Ship on Fridays? Never.\n");
        assertThat(getBinary.exit()).isEqualTo(CliException.USAGE);
        assertThat(getBinary.err()).contains("add -o FILE");
        assertThat(Files.readAllBytes(saved)).isEqualTo(binary);
        assertThat(moved.out()).isEqualTo("moved team-notes:notes/agreed.md to archive/agreed.md\n");
        assertThat(list.out()).contains("cial-instance (read-only)").containsPattern("team-notes\\s+2\\s+");
        assertThat(show.out()).containsPattern("files:\\s+1 ");
        assertThat(removed.out()).isEqualTo("deleted knowledge team-notes\n");
    }

    @Test
    void pathTricksAreRefusedByTheServer() throws Exception {
        Path notes = Files.writeString(files.resolve("x.md"), "x");
        cli().run("knowledges", "create", "guarded");

        Cli.Result escape = cli().run("knowledges", "put", "guarded", "../escape.md", notes.toString());
        Cli.Result readOnly = cli().run("knowledges", "put", "cial-instance", "x.md", notes.toString());

        assertThat(escape.exit()).isEqualTo(CliException.FAILURE);
        assertThat(escape.err()).contains("(invalid_path)");
        assertThat(readOnly.exit()).isEqualTo(CliException.FAILURE);
        assertThat(readOnly.err()).startsWith("cial-cli: ");
        assertThat(dataDir().getParent().resolve("escape.md")).doesNotExist();
    }

    @Test
    void skillsListsTheWorkspaceCommands() throws Exception {
        Path commands =
                Files.createDirectories(instance.instance.settings().workspace().resolve(".claude/commands"));
        Files.writeString(
                commands.resolve("greet.md"),
                "---\ndescription: Say hello\nargument-hint: NAME\n---\nSay hello to $ARGUMENTS.\n");

        Cli.Result skills = cli().run("skills", "list");

        assertThat(skills.exit()).as(skills.toString()).isZero();
        assertThat(skills.out()).containsPattern("/greet\\s+command\\s+project\\s+NAME\\s+Say hello");
    }

    @Test
    void uploadsRoundTripWithANonAsciiName() throws Exception {
        Path file = Files.writeString(files.resolve("résumé.txt"), "Ten years of Vert.x.\n", StandardCharsets.UTF_8);

        Cli.Result added = cli().run("--json", "uploads", "add", file.toString());
        String id = new JsonObject(added.out()).getString("id");
        Cli.Result list = cli().run("uploads", "list");
        Cli.Result show = cli().run("uploads", "show", id);
        Path back = files.resolve("back.txt");
        Cli.Result get = cli().run("uploads", "get", id, "-o", back.toString());
        Cli.Result removed = cli().run("uploads", "rm", id);
        Cli.Result gone = cli().run("uploads", "show", id);

        assertThat(List.of(added, list, show, get, removed))
                .allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isZero());
        assertThat(new JsonObject(added.out()).getString("name")).isEqualTo("résumé.txt");
        assertThat(list.out()).containsPattern(id + "\\s+résumé.txt\\s+text/plain");
        assertThat(show.out()).containsPattern("size:\\s+21 B");
        assertThat(Files.readString(back)).isEqualTo("Ten years of Vert.x.\n");
        assertThat(get.err()).contains("saved 21 B to");
        assertThat(removed.out()).isEqualTo("deleted " + id + "\n");
        assertThat(gone.exit()).isEqualTo(CliException.FAILURE);
    }

    @Test
    void aMissingLocalFileIsAUsageError() {
        Cli.Result upload =
                cli().run("uploads", "add", files.resolve("nope.txt").toString());

        assertThat(upload.exit()).isEqualTo(CliException.USAGE);
        assertThat(upload.err()).contains("nope.txt: no such readable file");
    }

    @Test
    void systemHealthReadinessAndMetrics() {
        Cli.Result health = cli().run("system", "health");
        Cli.Result ready = cli().run("system", "ready");
        Cli.Result metrics = cli().run("system", "metrics");

        assertThat(health.exit()).as(health.toString()).isZero();
        assertThat(health.out()).startsWith("UP");
        assertThat(ready.exit()).as(ready.toString()).isZero();
        assertThat(ready.out()).containsPattern("sessions\\s+UP").containsPattern("dataDir\\s+UP");
        assertThat(metrics.exit()).as(metrics.toString()).isZero();
        assertThat(metrics.out()).contains("cpu:", "memory:", "heap:", "data volume:");
    }
}
