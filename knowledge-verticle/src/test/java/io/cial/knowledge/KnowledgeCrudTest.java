package io.cial.knowledge;

import static io.cial.knowledge.KnowledgeBed.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.knowledge.api.KnowledgeService;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class KnowledgeCrudTest {

    private KnowledgeBed bed;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        bed = KnowledgeBed.start(vertx, dir, 1024 * 1024, 4 * 1024 * 1024);
    }

    @Test
    void createsListsGetsUpdatesAndDeletesAKnowledge() {
        JsonObject created = bed.create("docs", "Read guide.md first.");
        assertThat(created.getString("name")).isEqualTo("docs");
        assertThat(created.getString("instructions")).isEqualTo("Read guide.md first.");
        assertThat(created.getBoolean("readOnly")).isFalse();

        ApiResponse updated = bed.call(
                "updateKnowledge",
                new JsonObject().put("name", "docs"),
                null,
                new JsonObject().put("instructions", "Start with the index."));
        assertThat(((JsonObject) updated.body()).getString("instructions")).isEqualTo("Start with the index.");
        assertThat(((JsonObject) updated.body()).getString("description")).isEqualTo("about docs");

        JsonArray names = names();
        assertThat(names).containsExactly(KnowledgeService.BUILT_IN, "docs");

        assertThat(bed.call("deleteKnowledge", new JsonObject().put("name", "docs"), null, null)
                        .status())
                .isEqualTo(204);
        assertThat(names()).containsExactly(KnowledgeService.BUILT_IN);
        assertCode(
                bed.failure(() -> bed.call("getKnowledge", new JsonObject().put("name", "docs"), null, null)),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void refusesADuplicateOrMalformedName() {
        bed.create("docs", "");
        assertCode(bed.failure(() -> bed.create("docs", "")), ErrorCode.CONFLICT);
        assertCode(bed.failure(() -> bed.create(KnowledgeService.BUILT_IN, "")), ErrorCode.CONFLICT);
        assertCode(bed.failure(() -> bed.create("../docs", "")), ErrorCode.VALIDATION_FAILED);
        assertCode(bed.failure(() -> bed.create("Docs", "")), ErrorCode.VALIDATION_FAILED);
        assertThat(bed.data.resolve("knowledge/docs")).doesNotExist();
    }

    @Test
    void theBuiltInKnowledgeDescribesTheInstanceAndIsReadOnly() throws Exception {
        JsonObject builtIn = (JsonObject)
                bed.call("getKnowledge", new JsonObject().put("name", KnowledgeService.BUILT_IN), null, null)
                        .body();
        assertThat(builtIn.getBoolean("readOnly")).isTrue();
        assertThat(builtIn.getLong("files")).isEqualTo(2);

        String readme = bed.read(KnowledgeService.BUILT_IN, "README.md").text();
        assertThat(readme)
                .contains("/.cial/api/v1/openapi.json", "cial-cli", bed.data.toString(), bed.workspace.toString());
        JsonObject contract = new JsonObject(
                bed.read(KnowledgeService.BUILT_IN, "openapi.json").text());
        assertThat(contract.getJsonObject("paths").fieldNames()).contains("/knowledges", "/skills");

        JsonObject name = new JsonObject().put("name", KnowledgeService.BUILT_IN);
        assertCode(
                bed.failure(() -> bed.call("updateKnowledge", name, null, new JsonObject().put("description", "x"))),
                ErrorCode.FORBIDDEN);
        assertCode(bed.failure(() -> bed.call("deleteKnowledge", name, null, null)), ErrorCode.FORBIDDEN);
        assertCode(bed.failure(() -> uncheckedWrite(KnowledgeService.BUILT_IN, "x.md")), ErrorCode.FORBIDDEN);
        assertCode(
                bed.failure(
                        () -> bed.call("deleteKnowledgeFile", name, new JsonObject().put("path", "README.md"), null)),
                ErrorCode.FORBIDDEN);
        assertCode(
                bed.failure(() -> bed.call(
                        "moveKnowledgeFile",
                        name,
                        null,
                        new JsonObject().put("from", "README.md").put("to", "X.md"))),
                ErrorCode.FORBIDDEN);
        assertThat(bed.data.resolve("knowledge/builtin/cial-instance/x.md")).doesNotExist();
        assertThat(bed.data.resolve("knowledge/builtin/cial-instance/README.md"))
                .exists();
    }

    @Test
    void aHalfCreatedKnowledgeFromACrashDoesNotBlockItsName() throws Exception {
        Files.createDirectories(bed.data.resolve("knowledge/knowledges/.cial-new-leftover/files"));
        JsonObject created = bed.create("docs", "");
        assertThat(created.getString("name")).isEqualTo("docs");
        assertThat(names()).containsExactly(KnowledgeService.BUILT_IN, "docs");
    }

    private void uncheckedWrite(String knowledge, String path) {
        try {
            bed.write(knowledge, path, "text");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonArray names() {
        JsonArray all =
                ((JsonObject) bed.call("listKnowledges", null, null, null).body()).getJsonArray("knowledges");
        return new JsonArray(
                all.stream().map(k -> ((JsonObject) k).getString("name")).toList());
    }
}
