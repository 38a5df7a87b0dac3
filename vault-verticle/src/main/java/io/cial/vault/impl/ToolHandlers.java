package io.cial.vault.impl;

import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.AreaDispatcher;
import io.cial.vault.api.Scope;
import io.cial.vault.api.Tool;
import io.cial.vault.api.ToolKind;
import io.cial.vault.api.VaultOperations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The tool operations of the contract: bus request in, masked JSON out (unmasked for getToolConfig only). */
final class ToolHandlers {

    private static final String TOOL_ID = "toolId";
    private static final String SESSION_ID = "sessionId";

    private final ToolService tools;

    ToolHandlers(ToolService tools) {
        this.tools = tools;
    }

    void register(AreaDispatcher dispatcher) {
        dispatcher
                .on(VaultOperations.LIST_TOOLS, this::list)
                .on(VaultOperations.CREATE_TOOL, this::create)
                .on(VaultOperations.GET_TOOL, this::get)
                .on(VaultOperations.UPDATE_TOOL, this::update)
                .on(VaultOperations.DELETE_TOOL, this::delete)
                .on(VaultOperations.ENABLE_TOOL, request -> setEnabled(request, true))
                .on(VaultOperations.DISABLE_TOOL, request -> setEnabled(request, false))
                .on(VaultOperations.GET_TOOL_CONFIG, this::config)
                .on(VaultOperations.GET_SESSION_TOOLS, this::sessionTools)
                .on(VaultOperations.SET_SESSION_TOOLS, this::setSessionTools);
    }

    private Future<ApiResponse> list(ApiRequest request) {
        String scope = request.queryString("scope", null);
        String kind = request.queryString("kind", null);
        return tools.list(
                        request.principal(),
                        scope == null ? null : Scope.fromWire(scope, "scope"),
                        kind == null ? null : ToolKind.fromWire(kind, "kind"))
                .map(list -> ApiResponse.ok(new JsonObject().put("items", toJson(list))));
    }

    private Future<ApiResponse> create(ApiRequest request) {
        return tools.create(request.principal(), request.body()).map(tool -> ApiResponse.created(tool.toJson()));
    }

    private Future<ApiResponse> get(ApiRequest request) {
        return tools.get(request.principal(), request.pathParam(TOOL_ID)).map(tool -> ApiResponse.ok(tool.toJson()));
    }

    private Future<ApiResponse> update(ApiRequest request) {
        return tools.update(request.principal(), request.pathParam(TOOL_ID), request.body())
                .map(tool -> ApiResponse.ok(tool.toJson()));
    }

    private Future<ApiResponse> delete(ApiRequest request) {
        return tools.delete(request.principal(), request.pathParam(TOOL_ID)).map(v -> ApiResponse.noContent());
    }

    private Future<ApiResponse> setEnabled(ApiRequest request, boolean enabled) {
        return tools.setEnabled(request.principal(), request.pathParam(TOOL_ID), enabled)
                .map(tool -> ApiResponse.ok(tool.toJson()));
    }

    private Future<ApiResponse> config(ApiRequest request) {
        return tools.secretConfig(request.principal(), request.pathParam(TOOL_ID))
                .map(tool -> ApiResponse.ok(tool.toSecretJson()));
    }

    private Future<ApiResponse> sessionTools(ApiRequest request) {
        return tools.sessionTools(request.principal(), request.pathParam(SESSION_ID))
                .map(ApiResponse::ok);
    }

    private Future<ApiResponse> setSessionTools(ApiRequest request) {
        return tools.setSessionTools(request.principal(), request.pathParam(SESSION_ID), request.body())
                .map(ApiResponse::ok);
    }

    private static JsonArray toJson(List<Tool> list) {
        JsonArray items = new JsonArray();
        list.forEach(tool -> items.add(tool.toJson()));
        return items;
    }
}
