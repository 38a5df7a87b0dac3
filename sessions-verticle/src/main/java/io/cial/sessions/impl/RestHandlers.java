package io.cial.sessions.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AreaDispatcher;
import io.cial.protocol.AuthActions;
import io.cial.protocol.ErrorCode;
import io.cial.sessions.api.Provider;
import io.cial.sessions.api.SessionsActions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The operations of {@code sessions.yaml} and {@link AuthActions#VERIFY_AGENT_TOKEN}. The gateway has validated the
 * requests against the contract; these handlers read the validated values, apply defaults and bounds, and call the
 * service.
 */
public final class RestHandlers {

    private final SessionsService service;
    private final SearchService search;

    public RestHandlers(SessionsService service, SearchService search) {
        this.service = service;
        this.search = search;
    }

    public AreaDispatcher register(AreaDispatcher dispatcher) {
        return dispatcher
                .on(SessionsActions.LIST_SESSIONS, this::listSessions)
                .on(SessionsActions.CREATE_SESSION, this::createSession)
                .on(SessionsActions.GET_SESSION, this::getSession)
                .on(SessionsActions.RENAME_SESSION, this::renameSession)
                .on(SessionsActions.DELETE_SESSION, this::deleteSession)
                .on(SessionsActions.LIST_MESSAGES, this::listMessages)
                .on(SessionsActions.START_TURN, this::startTurn)
                .on(SessionsActions.CANCEL_TURN, this::cancelTurn)
                .on(SessionsActions.LIST_EVENTS, this::listEvents)
                .on(SessionsActions.LIST_TASKS, this::listTasks)
                .on(SessionsActions.SEARCH_MESSAGES, this::searchMessages)
                .on(AuthActions.VERIFY_AGENT_TOKEN, this::verifyAgentToken);
    }

    private Future<ApiResponse> listSessions(ApiRequest request) {
        return service.list(request.userId(), request.queryString("cursor", null), pageSize(request))
                .map(ApiResponse::ok);
    }

    private Future<ApiResponse> createSession(ApiRequest request) {
        JsonObject body = request.body();
        return service.create(request.userId(), body.getString("name"), provider(body), body.getString("model"))
                .map(ApiResponse::created);
    }

    private Future<ApiResponse> getSession(ApiRequest request) {
        return service.get(request.userId(), request.pathParam("sessionId")).map(ApiResponse::ok);
    }

    private Future<ApiResponse> renameSession(ApiRequest request) {
        String name = request.body().getString("name");
        if (name == null || name.isBlank()) {
            throw ApiException.validation("body field 'name' is required and must not be blank");
        }
        return service.rename(request.userId(), request.pathParam("sessionId"), name.strip())
                .map(ApiResponse::ok);
    }

    private Future<ApiResponse> deleteSession(ApiRequest request) {
        return service.delete(request.userId(), request.pathParam("sessionId")).map(v -> ApiResponse.noContent());
    }

    private Future<ApiResponse> listMessages(ApiRequest request) {
        return service.messages(
                        request.userId(),
                        request.pathParam("sessionId"),
                        request.queryString("cursor", null),
                        pageSize(request))
                .map(ApiResponse::ok);
    }

    private Future<ApiResponse> startTurn(ApiRequest request) {
        JsonObject body = request.body();
        String text = body.getString("text");
        if (text == null || text.isBlank()) {
            throw ApiException.validation("body field 'text' is required and must not be blank");
        }
        TurnRequest turn = new TurnRequest(
                text,
                provider(body),
                body.getString("model"),
                strings(body, "knowledges"),
                strings(body, "attachments"));
        return service.startTurn(request.userId(), request.pathParam("sessionId"), turn)
                .map(ApiResponse::accepted);
    }

    private Future<ApiResponse> cancelTurn(ApiRequest request) {
        return service.cancelTurn(request.userId(), request.pathParam("sessionId"))
                .map(ApiResponse::accepted);
    }

    private Future<ApiResponse> listEvents(ApiRequest request) {
        long after = request.queryLong("after", 0);
        long limit = request.queryLong("limit", SessionsActions.DEFAULT_EVENTS);
        if (after < 0 || limit < 1 || limit > SessionsActions.MAX_EVENTS) {
            throw ApiException.validation(
                    "query 'after' must be >= 0 and 'limit' between 1 and %d", SessionsActions.MAX_EVENTS);
        }
        return service.events(request.userId(), request.pathParam("sessionId"), after, (int) limit)
                .map(ApiResponse::ok);
    }

    private Future<ApiResponse> listTasks(ApiRequest request) {
        return service.tasks(request.userId(), request.pathParam("sessionId")).map(ApiResponse::ok);
    }

    private Future<ApiResponse> searchMessages(ApiRequest request) {
        long limit = request.queryLong("limit", SessionsActions.DEFAULT_SEARCH);
        if (limit < 1 || limit > SessionsActions.MAX_SEARCH) {
            throw ApiException.validation("query 'limit' must be between 1 and %d", SessionsActions.MAX_SEARCH);
        }
        String text = request.queryString("q", null);
        String cursor = request.queryString("cursor", null);
        return search.search(request.userId(), text, cursor, (int) limit).map(ApiResponse::ok);
    }

    private Future<ApiResponse> verifyAgentToken(ApiRequest request) {
        return service.verifyAgentToken(request.body().getString("token")).map(ApiResponse::ok);
    }

    private static int pageSize(ApiRequest request) {
        long limit = request.queryLong("limit", SessionsActions.DEFAULT_PAGE);
        if (limit < 1 || limit > SessionsActions.MAX_PAGE) {
            throw ApiException.validation("query 'limit' must be between 1 and %d", SessionsActions.MAX_PAGE);
        }
        return (int) limit;
    }

    /** A list the contract has validated as strings; absent is empty. */
    private static List<String> strings(JsonObject body, String field) {
        JsonArray values = body.getJsonArray(field, new JsonArray());
        return values.stream().map(String::valueOf).toList();
    }

    private static Provider provider(JsonObject body) {
        String value = body.getString("provider");
        return value == null ? null : Provider.parse(value, ErrorCode.VALIDATION_FAILED, "provider");
    }
}
