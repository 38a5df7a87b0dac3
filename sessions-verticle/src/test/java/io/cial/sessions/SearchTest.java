package io.cial.sessions;

import static io.cial.sessions.SessionsHarness.TURN_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cial.protocol.ErrorCode;
import io.cial.protocol.Principal;
import io.cial.protocol.testing.Bus;
import io.cial.sessions.api.SessionsActions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code searchMessages} over the event bus: the FTS5 index of every owner's messages, its snippets and paging. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class SearchTest {

    @TempDir
    Path dir;

    private static JsonObject search(Bus bus, String q, Integer limit, String cursor) {
        JsonObject query = new JsonObject().put("q", q);
        if (limit != null) {
            query.put("limit", limit);
        }
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        return (JsonObject)
                bus.call(SessionsActions.SEARCH_MESSAGES, null, query, null).body();
    }

    private static JsonArray hits(Bus bus, String q) {
        return search(bus, q, null, null).getJsonArray("items");
    }

    private static List<String> ids(JsonArray hits) {
        List<String> out = new ArrayList<>();
        hits.forEach(h -> out.add(((JsonObject) h).getString("messageId")));
        return out;
    }

    @Test
    void aTurnsQuestionAndAnswerAreFoundWithTheirSessionAndMarkedSnippet(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String id = h.createSession(new JsonObject().put("name", "Travel")).getString("id");
        FrameRecorder frames = h.record(id);
        JsonObject started = h.startTurn(id, "Plan a trip to Lisbon in May");
        frames.awaitDone(started.getString("turnId"), TURN_TIMEOUT);

        // The demo engine quotes the prompt in its answer, so both match, the answer (newer) first.
        JsonArray both = hits(h.bus, "lisbon");
        assertThat(both).hasSize(2);
        assertThat(both.getJsonObject(0).getString("role")).isEqualTo("assistant");
        assertThat(both.getJsonObject(0).getString("snippet")).contains("&quot;Plan a trip to <mark>Lisbon</mark>");
        JsonObject hit = both.getJsonObject(1);
        assertThat(hit.getString("sessionId")).isEqualTo(id);
        assertThat(hit.getString("sessionName")).isEqualTo("Travel");
        assertThat(hit.getString("messageId")).isEqualTo(started.getString("userMessageId"));
        assertThat(hit.getString("turnId")).isEqualTo(started.getString("turnId"));
        assertThat(hit.getString("role")).isEqualTo("user");
        assertThat(hit.getString("createdAt")).isNotBlank();
        assertThat(hit.getString("snippet")).isEqualTo("Plan a trip to <mark>Lisbon</mark> in May");
        assertThat(hit.getString("snippetText")).isEqualTo("Plan a trip to Lisbon in May");
        assertThat(hit.getJsonArray("highlights"))
                .isEqualTo(new JsonArray().add(new JsonArray().add(15).add(21)));

        JsonArray answer = hits(h.bus, "printed demo TOOL");
        assertThat(answer).hasSize(1);
        assertThat(answer.getJsonObject(0).getString("role")).isEqualTo("assistant");
        assertThat(answer.getJsonObject(0).getString("snippet"))
                .contains("<mark>printed</mark>", "<mark>demo</mark> <mark>tool</mark>");
    }

    @Test
    void wordsAreStemmedPrefixedAndQuotedAsPhrases(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String id = h.createSession(new JsonObject()).getString("id");
        String running = MessagesTable.insert(dir, id, "user", "The tests are running on the café server");
        String order = MessagesTable.insert(dir, id, "assistant", "server tests, in another order");

        assertThat(ids(hits(h.bus, "run cafe"))).containsExactly(running);
        assertThat(ids(hits(h.bus, "serv*"))).containsExactly(order, running);
        assertThat(ids(hits(h.bus, "\"tests are running\""))).containsExactly(running);
        assertThat(ids(hits(h.bus, "\"server tests\""))).containsExactly(order);
        assertThat(ids(hits(h.bus, "tests server"))).containsExactly(order, running);
        assertThat(ids(hits(h.bus, "tests kiwi"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"unbalanced quote",
                "AND OR NOT",
                "text: C++ (templates)",
                "NEAR(a b, 2)",
                "*",
                "-x ^y {z}",
                "a\" OR \"b",
                "'; DROP TABLE messages; --",
                "!!!"
            })
    void textThatIsNotFts5SyntaxIsSearchedAsPlainWords(String q, Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String id = h.createSession(new JsonObject()).getString("id");
        MessagesTable.insert(dir, id, "user", "I said text: C++ (templates) are hard, NOT easy");

        JsonObject page = search(h.bus, q, null, null);

        assertThat(page.getJsonArray("items")).isNotNull();
        assertThat(page.getValue("nextCursor")).isNull();
        assertThat(hits(h.bus, "text: C++ (templates)")).hasSize(1);
    }

    @Test
    void blankQueryAndForeignCursorAreValidationErrors(Vertx vertx) {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();

        assertThat(h.bus.failure(SessionsActions.SEARCH_MESSAGES, null, new JsonObject().put("q", "   "), null)
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(h.bus.failure(
                                SessionsActions.SEARCH_MESSAGES,
                                null,
                                new JsonObject().put("q", "x").put("cursor", "not-a-cursor"),
                                null)
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(h.bus.failure(
                                SessionsActions.SEARCH_MESSAGES,
                                null,
                                new JsonObject().put("q", "x").put("limit", 101),
                                null)
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void snippetsEscapeHtmlAndKeepTheMatchRanges(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String id = h.createSession(new JsonObject()).getString("id");
        MessagesTable.insert(dir, id, "user", "<script>alert('x')</script> & danger here");

        JsonObject hit = hits(h.bus, "danger").getJsonObject(0);

        assertThat(hit.getString("snippet"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>danger</mark> here");
        String text = hit.getString("snippetText");
        JsonArray range = hit.getJsonArray("highlights").getJsonArray(0);
        assertThat(text.substring(range.getInteger(0), range.getInteger(1))).isEqualTo("danger");
    }

    @Test
    void pagesByCursorNewestFirstWithoutGapsOrRepeats(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String a = h.createSession(new JsonObject()).getString("id");
        String b = h.createSession(new JsonObject()).getString("id");
        List<String> inserted = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            inserted.add(0, MessagesTable.insert(dir, i % 2 == 0 ? a : b, "user", "alpha number " + i));
            MessagesTable.insert(dir, a, "assistant", "beta number " + i);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        List<Integer> sizes = new ArrayList<>();
        do {
            JsonObject page = search(h.bus, "alpha", 10, cursor);
            sizes.add(page.getJsonArray("items").size());
            seen.addAll(ids(page.getJsonArray("items")));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(seen).containsExactlyElementsOf(inserted);
    }

    @Test
    void searchIsOwnerScoped(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        Bus stranger = h.bus.as(new Principal("someone-else", Principal.Kind.EDGE, null));
        String mine = h.createSession(new JsonObject()).getString("id");
        String theirs = ((JsonObject) stranger.call(SessionsActions.CREATE_SESSION, new JsonObject())
                        .body())
                .getString("id");
        String myMessage = MessagesTable.insert(dir, mine, "user", "secret plans for the garden");
        String theirMessage = MessagesTable.insert(dir, theirs, "user", "their plans for the garden");

        assertThat(ids(hits(h.bus, "garden"))).containsExactly(myMessage);
        assertThat(ids(hits(stranger, "garden"))).containsExactly(theirMessage);
    }

    @Test
    void deletingASessionTakesItsMessagesOutOfTheIndex(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String gone = h.createSession(new JsonObject()).getString("id");
        String kept = h.createSession(new JsonObject()).getString("id");
        MessagesTable.insert(dir, gone, "user", "orchids need little water");
        String keptMessage = MessagesTable.insert(dir, kept, "user", "orchids need light");

        h.bus.call(SessionsActions.DELETE_SESSION, SessionsHarness.path(gone), null, null);

        assertThat(ids(hits(h.bus, "orchids"))).containsExactly(keptMessage);
        MessagesTable.checkSearchIndex(dir);
    }

    @Test
    void aDatabaseFromBeforeSearchIsIndexedOnStart(Vertx vertx) throws Exception {
        SessionsHarness h = new SessionsHarness(vertx, dir, Map.of()).deploy();
        String id = h.createSession(new JsonObject()).getString("id");
        h.undeploy();
        MessagesTable.dropSearchIndex(dir);
        String old = MessagesTable.insert(dir, id, "user", "written before the index existed");

        h.deploy();

        assertThat(ids(hits(h.bus, "index existed"))).containsExactly(old);
        String fresh = MessagesTable.insert(dir, id, "user", "written after the index existed");
        assertThat(ids(hits(h.bus, "existed"))).containsExactly(fresh, old);
        MessagesTable.checkSearchIndex(dir);
    }
}
