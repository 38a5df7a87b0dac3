package io.cial.knowledge;

import static io.cial.knowledge.KnowledgeBed.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.knowledge.api.KnowledgeService;
import io.cial.protocol.ApiException;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.KnowledgeActions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ResolveForTurnTest {

    private KnowledgeBed bed;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        bed = KnowledgeBed.start(vertx, dir, 1024 * 1024, 4 * 1024 * 1024);
        bed.create("docs", "Read guide.md before answering API questions.");
        bed.create("recipes", "Family recipes.");
        bed.write("docs", "guide.md", "# Guide");
        bed.write("docs", "api/intro.md", "intro");
    }

    @Test
    void givesEachKnowledgeItsInstructionsRootAndFiles() throws Exception {
        JsonObject reply = resolve(List.of("docs"), "how does the API work?");

        JsonArray knowledges = reply.getJsonArray("knowledges");
        assertThat(knowledges).hasSize(1);
        JsonObject docs = knowledges.getJsonObject(0);
        Path root = bed.filesOf("docs").toRealPath();
        assertThat(docs.getString("name")).isEqualTo("docs");
        assertThat(docs.getString("instructions")).isEqualTo("Read guide.md before answering API questions.");
        assertThat(docs.getString("root")).isEqualTo(root.toString());
        assertThat(docs.getJsonArray("files")).containsExactly("api/intro.md", "guide.md");
        assertThat(docs.getBoolean("truncated")).isFalse();

        String prompt = reply.getString("systemPrompt");
        assertThat(prompt)
                .contains("## Knowledge: docs")
                .contains("Read guide.md before answering API questions.")
                .contains("- " + root.resolve("guide.md"))
                .contains("- " + root.resolve("api/intro.md"));
    }

    @Test
    void addsMentionedKnowledgesInOrderAndIgnoresUnknownMentionsAndEmails() throws Exception {
        JsonObject reply = resolve(
                List.of("recipes"),
                "Compare @docs with @Recipes and @cial-instance, mail me@docs.example, ask @nobody.");

        assertThat(names(reply)).containsExactly("recipes", "docs", KnowledgeService.BUILT_IN);
        assertThat(reply.getString("systemPrompt")).contains("## Knowledge: cial-instance", "README.md");
    }

    @Test
    void readsTheFilesFromDiskAtTurnTime() throws Exception {
        assertThat(resolve(List.of("docs"), "")
                        .getJsonArray("knowledges")
                        .getJsonObject(0)
                        .getJsonArray("files"))
                .doesNotContain("new.md");
        Files.writeString(bed.filesOf("docs").resolve("new.md"), "written by the agent");

        JsonObject docs =
                resolve(List.of(), "see @docs").getJsonArray("knowledges").getJsonObject(0);
        assertThat(docs.getJsonArray("files")).contains("new.md");
    }

    @Test
    void failsNotFoundNamingEveryUnknownName() {
        ApiException e = bed.failure(() -> resolve(List.of("docs", "ghost", "phantom"), ""));
        assertCode(e, ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).contains("ghost", "phantom").doesNotContain("docs");
    }

    @Test
    void withNothingToResolveTheReplyIsEmpty() throws Exception {
        JsonObject reply = resolve(List.of(), "no mentions here");
        assertThat(reply.getJsonArray("knowledges")).isEmpty();
        assertThat(reply.getString("systemPrompt")).isEmpty();
    }

    @Test
    void rejectsMalformedRequests() {
        assertCode(
                bed.failure(
                        () -> bed.internal(KnowledgeActions.RESOLVE_FOR_TURN, new JsonObject().put("names", "docs"))),
                ErrorCode.VALIDATION_FAILED);
        assertCode(
                bed.failure(() -> bed.internal(
                        KnowledgeActions.RESOLVE_FOR_TURN, new JsonObject().put("names", new JsonArray().add(3)))),
                ErrorCode.VALIDATION_FAILED);
    }

    private JsonObject resolve(List<String> names, String text) {
        return bed.internal(
                KnowledgeActions.RESOLVE_FOR_TURN,
                new JsonObject()
                        .put("userId", "owner")
                        .put("names", new JsonArray(List.copyOf(names)))
                        .put("text", text));
    }

    private static List<String> names(JsonObject reply) {
        return reply.getJsonArray("knowledges").stream()
                .map(k -> ((JsonObject) k).getString("name"))
                .toList();
    }
}
