package io.cial.selfedit.impl;

import io.cial.protocol.ApiException;
import io.cial.protocol.ApiRequest;
import io.cial.protocol.ApiResponse;
import io.cial.protocol.ErrorCode;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The recovery operations over {@link UiVersions}: list, instant rollback and the browser's boot report. */
final class UiService {

    private static final Logger LOG = LoggerFactory.getLogger(UiService.class);

    private final UiVersions ui;

    UiService(UiVersions ui) {
        this.ui = ui;
    }

    Future<ApiResponse> list(ApiRequest request) {
        return ui.list().map(ApiResponse::ok);
    }

    Future<ApiResponse> rollback(ApiRequest request) {
        String version = request.body().getString("version");
        return ui.rollback(version).map(list -> {
            LOG.info("[selfedit] served UI now {}", list.getString("current"));
            return ApiResponse.ok(list);
        });
    }

    /** Agent tokens may not vouch for a UI version: only a browser of the user can say it booted. */
    Future<ApiResponse> report(ApiRequest request) {
        if (!request.principal().canManage()) {
            return Future.failedFuture(ApiException.of(ErrorCode.FORBIDDEN, "an agent token may not report a UI boot"));
        }
        String version = request.body().getString("version");
        boolean ok = request.body().getBoolean("ok", false);
        return ui.report(version, ok, request.body().getString("error")).map(ApiResponse::ok);
    }
}
