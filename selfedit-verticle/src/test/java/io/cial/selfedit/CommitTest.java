package io.cial.selfedit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ErrorCode;
import io.cial.selfedit.impl.SelfEditConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class CommitTest {

    @TempDir
    Path root;

    private Harness harness;
    private RevCommit initial;

    @BeforeEach
    void repository(Vertx vertx) throws Exception {
        harness = new Harness(vertx, root)
                .env(SelfEditConfig.GIT_AUTHOR_NAME_ENV, "Test Agent")
                .env(SelfEditConfig.GIT_AUTHOR_EMAIL_ENV, "agent@example.test");
        Files.createDirectories(harness.sourceDir);
        Files.writeString(harness.sourceDir.resolve("README.md"), "first\n");
        try (Git git = Git.init()
                .setDirectory(harness.sourceDir.toFile())
                .setInitialBranch("main")
                .call()) {
            git.add().addFilepattern(".").call();
            initial = git.commit()
                    .setMessage("initial")
                    .setAuthor("Setup", "setup@example.test")
                    .setSign(false)
                    .call();
        }
        harness.start();
    }

    @Test
    void commitsEveryChangeWithTheConfiguredAuthor() throws Exception {
        Files.writeString(harness.sourceDir.resolve("README.md"), "second\n");
        Files.writeString(harness.sourceDir.resolve("NEW.md"), "new\n");

        HttpResponse<Buffer> response = commit(new JsonObject().put("message", "Edit the readme"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("branch")).isEqualTo("main");
        try (Git git = Git.open(harness.sourceDir.toFile())) {
            RevCommit head = git.log().setMaxCount(1).call().iterator().next();
            assertThat(head.name()).isEqualTo(body.getString("commitId"));
            assertThat(head.getFullMessage()).isEqualTo("Edit the readme");
            assertThat(head.getAuthorIdent().getName()).isEqualTo("Test Agent");
            assertThat(head.getAuthorIdent().getEmailAddress()).isEqualTo("agent@example.test");
            assertThat(git.status().call().isClean()).isTrue();
        }
    }

    @Test
    void commitsOnlyTheGivenPaths() throws Exception {
        Files.writeString(harness.sourceDir.resolve("README.md"), "second\n");
        Files.writeString(harness.sourceDir.resolve("OTHER.md"), "left alone\n");

        HttpResponse<Buffer> response = commit(
                new JsonObject().put("message", "Only the readme").put("paths", new JsonArray().add("README.md")));

        assertThat(response.statusCode()).isEqualTo(200);
        try (Git git = Git.open(harness.sourceDir.toFile())) {
            assertThat(git.status().call().getUntracked()).containsExactly("OTHER.md");
        }
    }

    @Test
    void refusesAnEmptyMessage() {
        assertRefused(commit(new JsonObject().put("message", "   ")), 400, "message must not be empty");
    }

    @Test
    void refusesOptionLikeInput() {
        assertRefused(commit(new JsonObject().put("message", "--amend")), 400, "option-like");
        assertRefused(
                commit(new JsonObject().put("message", "ok").put("paths", new JsonArray().add("--all"))),
                400,
                "option-like");
    }

    @Test
    void refusesAPathOutsideTheTree() {
        assertRefused(
                commit(new JsonObject().put("message", "ok").put("paths", new JsonArray().add("../etc/passwd"))),
                400,
                "inside the source tree");
    }

    @Test
    void refusesADetachedHead() throws Exception {
        try (Git git = Git.open(harness.sourceDir.toFile())) {
            git.checkout().setName(initial.name()).call();
        }
        Files.writeString(harness.sourceDir.resolve("README.md"), "second\n");

        assertRefused(commit(new JsonObject().put("message", "on nothing")), 409, "HEAD is detached");
    }

    @Test
    void refusesAMissingRepository() throws Exception {
        harness.vertx
                .fileSystem()
                .deleteRecursive(harness.sourceDir.resolve(".git").toString())
                .await();

        assertRefused(commit(new JsonObject().put("message", "nowhere")), 409, "is not a git repository");
    }

    @Test
    void refusesACommitWithoutChanges() {
        assertRefused(commit(new JsonObject().put("message", "nothing")), 409, "nothing to commit");
    }

    private HttpResponse<Buffer> commit(JsonObject body) {
        return harness.post("/self/commit", body);
    }

    private static void assertRefused(HttpResponse<Buffer> response, int status, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("code"))
                .isEqualTo(status == 400 ? ErrorCode.VALIDATION_FAILED.code() : ErrorCode.CONFLICT.code());
        assertThat(body.getString("error")).contains(message);
    }
}
