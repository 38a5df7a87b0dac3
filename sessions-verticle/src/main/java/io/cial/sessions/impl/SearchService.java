package io.cial.sessions.impl;

import io.cial.protocol.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * Full-text search over the messages of all of a user's sessions. Any text is accepted: it is quoted into phrases
 * ({@link SearchQuery}), so no input is an FTS5 syntax error. A blank query is {@code validation_failed}; a query
 * with nothing searchable (only punctuation) finds nothing.
 */
public final class SearchService {

    private final Pool pool;
    private final SearchRepository repository = new SearchRepository();

    public SearchService(Pool pool) {
        this.pool = pool;
    }

    /** A page of hits, newest message first: {@code {items, nextCursor}}. */
    public Future<JsonObject> search(String userId, String text, String cursor, int limit) {
        if (text == null || text.isBlank()) {
            throw ApiException.validation("query parameter 'q' must not be blank");
        }
        PageCursor before = PageCursor.decode(cursor);
        SearchQuery query = SearchQuery.parse(text);
        if (query.isEmpty()) {
            return Future.succeededFuture(page(List.of(), null));
        }
        long below = before == null ? Long.MAX_VALUE : before.number();
        return repository.search(pool, userId, query, below, limit + 1).map(hits -> {
            List<SearchHit> shown = hits.subList(0, Math.min(limit, hits.size()));
            SearchHit last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            String next = hits.size() > limit ? new PageCursor(last.pos(), last.messageId()).encode() : null;
            return page(shown, next);
        });
    }

    private static JsonObject page(List<SearchHit> hits, String nextCursor) {
        JsonArray items = new JsonArray();
        hits.forEach(hit -> items.add(hit.toJson()));
        return new JsonObject().put("items", items).put("nextCursor", nextCursor);
    }
}
