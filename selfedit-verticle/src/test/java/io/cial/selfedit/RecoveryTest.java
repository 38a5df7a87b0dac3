package io.cial.selfedit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.Addresses;
import io.cial.protocol.ApiException;
import io.cial.protocol.AreaClient;
import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.cial.selfedit.api.SelfEditOperations;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class RecoveryTest {

    @TempDir
    Path root;

    private Harness harness;
    private String older;
    private String newer;

    @BeforeEach
    void twoUiVersions(Vertx vertx) throws Exception {
        harness = new Harness(vertx, root).quick();
        FixtureTree.good(harness.sourceDir);
        harness.start();
        older = harness.post("/self/deploy", null).bodyAsJsonObject().getString("uiVersion");
        newer = harness.post("/self/deploy", null).bodyAsJsonObject().getString("uiVersion");
    }

    @Test
    void eachDeployInstallsItsUiBehindTheCurrentLink() throws Exception {
        Path ui = harness.dataDir.resolve("selfedit/ui");

        assertThat(Files.readSymbolicLink(ui.resolve("current"))).hasToString(newer);
        assertThat(ui.resolve("current/index.html")).content().contains("fixture ui");
        assertThat(ui.resolve("current/cial-ui-version.json")).content().contains(newer);
        JsonObject list = harness.get("/self/ui/builds").bodyAsJsonObject();
        assertThat(list.getString("current")).isEqualTo(newer);
        assertThat(list.getValue("knownGood")).isNull();
        assertThat(list.getJsonArray("builds")).hasSize(2);
    }

    @Test
    void aGoodBootReportPromotesAVersionToKnownGood() {
        JsonObject reported = report(Principal.Kind.OWNER, older, true);

        assertThat(reported.getString("status")).isEqualTo("good");
        assertThat(reported.getBoolean("knownGood")).isTrue();
        assertThat(harness.get("/self/ui/builds").bodyAsJsonObject().getString("knownGood"))
                .isEqualTo(older);
    }

    @Test
    void anAgentTokenMayNotReportABoot() {
        Assertions.assertThatThrownBy(() -> report(Principal.Kind.AGENT, older, true))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void rollbackWithoutAnotherKnownGoodVersionIsAConflict() {
        HttpResponse<Buffer> response = harness.post("/self/ui/rollback", null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.bodyAsJsonObject().getString("error")).contains("no other known-good UI version");
    }

    @Test
    void theRecoveryPageListsTheVersionsAndRollsBackWithOneForm() throws Exception {
        report(Principal.Kind.OWNER, older, true);
        report(Principal.Kind.OWNER, newer, false);

        HttpResponse<Buffer> page = harness.get("/self/recovery");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        String html = page.bodyAsString();
        assertThat(html)
                .contains(older, newer, "<span id=\"ui-current\">" + newer + "</span>")
                .doesNotContain("<script");
        Matcher form = Pattern.compile("<form method=\"post\" action=\"([^\"]+ui-rollback)\"><button")
                .matcher(html);
        assertThat(form.find()).isTrue();

        HttpResponse<Buffer> posted = WebClient.create(harness.vertx, new WebClientOptions().setFollowRedirects(false))
                .post(harness.port(), "127.0.0.1", form.group(1))
                .putHeader("Origin", "http://127.0.0.1:" + harness.port())
                .sendForm(MultiMap.caseInsensitiveMultiMap())
                .await();

        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(posted.getHeader("Location")).startsWith(Harness.BASE + "/self/recovery?message=");
        assertThat(Files.readSymbolicLink(harness.dataDir.resolve("selfedit/ui/current")))
                .hasToString(older);
        String after = harness.get(posted.getHeader("Location").substring(Harness.BASE.length()))
                .bodyAsString();
        assertThat(after)
                .contains("<span id=\"ui-current\">" + older + "</span>", "The UI now serves version " + older);
    }

    private JsonObject report(Principal.Kind kind, String version, boolean ok) {
        return (JsonObject) new AreaClient(harness.vertx, Addresses.SELFEDIT, new Principal("owner", kind, null))
                .call(
                        SelfEditOperations.REPORT_UI_BOOT,
                        null,
                        null,
                        new JsonObject().put("version", version).put("ok", ok))
                .await()
                .body();
    }
}
